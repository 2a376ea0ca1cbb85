package palette

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const web = "../../site/web"

// The page's palette file is the one generated from this package.
func TestCSSIsGenerated(t *testing.T) {
	got, err := os.ReadFile(filepath.Join(web, "css", "palette.css"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != CSS() {
		t.Fatalf("site/web/css/palette.css differs from wasm/palette: run go generate ./wasm/palette")
	}
}

// The page's scripts read the palette from the module generated from this
// package.
func TestJSIsGenerated(t *testing.T) {
	got, err := os.ReadFile(filepath.Join(web, "js", "palette-colors.js"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != JS() {
		t.Fatalf("site/web/js/palette-colors.js differs from wasm/palette: run go generate ./wasm/palette")
	}
}

// No other stylesheet or script of the page writes one of the palette's
// colours: they read the custom properties (white, which the page also
// uses for strokes and fills of its own, is left out).
func TestNoSecondCopyOfThePalette(t *testing.T) {
	err := filepath.WalkDir(web, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "gen" || d.Name() == "vendor") {
			return filepath.SkipDir
		}
		ext := filepath.Ext(path)
		if d.IsDir() || d.Name() == "palette.css" || d.Name() == "palette-colors.js" || (ext != ".css" && ext != ".js" && ext != ".html") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := strings.ToLower(string(b))
		for _, c := range Named {
			if c.RGB != Background && strings.Contains(text, c.Hex()) {
				t.Errorf("%s writes %s (--%s): read var(--%s) instead", path, c.Hex(), c.Name, c.Name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
