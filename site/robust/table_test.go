package robust

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRobustnessTable keeps docs/robustness.md honest: at least 30 rows,
// and every test a row names exists in the package it names.
func TestRobustnessTable(t *testing.T) {
	root := filepath.Join("..", "..")
	doc, err := os.ReadFile(filepath.Join(root, "docs", "robustness.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(doc), "## The table")
	if !ok {
		t.Fatal("docs/robustness.md has no \"## The table\" section")
	}
	ref := regexp.MustCompile("`([a-z0-9_/]+)` ((?:Test|Fuzz)[A-Za-z0-9_]+)")
	sources := map[string]string{}
	source := func(pkg string) string {
		if s, ok := sources[pkg]; ok {
			return s
		}
		files, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pkg), "*_test.go"))
		var b strings.Builder
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(src)
		}
		sources[pkg] = b.String()
		return sources[pkg]
	}
	rows := 0
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) != 5 || strings.TrimSpace(cells[0]) == "#" || strings.HasPrefix(strings.TrimSpace(cells[0]), "---") {
			continue
		}
		rows++
		refs := ref.FindAllStringSubmatch(cells[4], -1)
		if len(refs) == 0 {
			t.Errorf("row %s names no test: %s", strings.TrimSpace(cells[0]), cells[4])
		}
		for _, r := range refs {
			if !regexp.MustCompile(`(?m)^func ` + r[2] + `\(`).MatchString(source(r[1])) {
				t.Errorf("row %s: no %s in %s", strings.TrimSpace(cells[0]), r[2], r[1])
			}
		}
	}
	if rows < 30 {
		t.Errorf("%d rows, want at least 30", rows)
	}
	t.Logf("%d rows", rows)
}
