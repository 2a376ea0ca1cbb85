package lessontext

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the module's root, two levels above this package.
func repoRoot(t *testing.T) string {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// copyLesson copies site/web/lesson into a temporary folder.
func copyLesson(t *testing.T) string {
	root := repoRoot(t)
	dir := t.TempDir()
	for _, lang := range Langs {
		files, err := filepath.Glob(filepath.Join(root, "site", "web", "lesson", lang, "*.md"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Markdown for %s: %v", lang, err)
		}
		if err := os.MkdirAll(filepath.Join(dir, lang), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, lang, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// A teacher's edit of a Markdown file (a changed sentence, a new paragraph
// with a formula) changes the built module, and nothing else does.
func TestChangedMarkdownChangesThePage(t *testing.T) {
	root := repoRoot(t)
	dir := copyLesson(t)
	before, err := Build(dir, root)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Build(dir, root)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(again) {
		t.Fatal("two builds of the same Markdown differ")
	}
	f := filepath.Join(dir, "fr", "01-neuron.md")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	const old = "Le neurone artificiel en est une version schématique."
	if !strings.Contains(string(src), old) {
		t.Fatalf("%s does not hold %q", f, old)
	}
	edited := strings.Replace(string(src), old, "Le neurone formel en est une version simplifiée.", 1) +
		"\nUn paragraphe ajouté, avec $\\kappa_7 = 1$ : fin.\n"
	if err := os.WriteFile(f, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := Build(dir, root)
	if err != nil {
		t.Fatal(err)
	}
	s := string(after)
	for _, want := range []string{
		"Le neurone formel en est une version simplifiée.",
		// typeset at build time, the colon kept with the formula after
		// French spacing:
		`<p>Un paragraphe ajouté, avec <span class="nobr"><span class="katex"><math`,
		"<mi>κ</mi>", "</math></span>\u202f:</span> fin.</p>",
	} {
		if !strings.Contains(s, jsText(want)) {
			t.Errorf("the built module does not hold %q", want)
		}
	}
	if strings.Contains(s, old) {
		t.Errorf("the built module still holds the old sentence %q", old)
	}
}

// Parameters are declared on the block's line; a formula holding one is
// left to the page (span.tex-live), the others are typeset; an undeclared
// {name} outside the formulas is an error.
func TestParameters(t *testing.T) {
	html, fs, err := render(Block{Key: "k", Params: []string{"alpha", "control"},
		Source: "Le réglage {control} : $\\alpha = {alpha}$ et $\\frac{1}{x}$."})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || !fs[0].live || fs[1].live {
		t.Fatalf("formulas %+v: want the first live, the second static", fs)
	}
	for _, want := range []string{ParamOpen + "control" + ParamClose,
		`<span class="tex-live" data-display="0">\alpha = ` + ParamOpen + "alpha" + ParamClose + `</span>`,
		"\x00I\\frac{1}{x}\x00."} {
		if !strings.Contains(html, want) {
			t.Errorf("render: %q does not hold %q", html, want)
		}
	}
	if _, _, err := render(Block{Key: "k", Source: "Le réglage {control}."}); err == nil {
		t.Error("an undeclared parameter is accepted")
	}
}

// The page's blocks: both languages hold the same keys.
func TestSameBlocksInEachLanguage(t *testing.T) {
	root := repoRoot(t)
	keys := map[string]map[string]bool{}
	for _, lang := range Langs {
		keys[lang] = map[string]bool{}
		files, _ := filepath.Glob(filepath.Join(root, "site", "web", "lesson", lang, "*.md"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			blocks, err := Parse(f, src)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range blocks {
				keys[lang][b.Key+" "+strings.Join(b.Params, " ")] = true
			}
		}
	}
	for k := range keys["fr"] {
		if !keys["en"][k] {
			t.Errorf("block %q is in French only", k)
		}
	}
	for k := range keys["en"] {
		if !keys["fr"][k] {
			t.Errorf("block %q is in English only", k)
		}
	}
}

// jsText is s as it reads inside a string of the generated module.
func jsText(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(strings.TrimSuffix(b.String(), "\n"), `"`)[1:]
}
