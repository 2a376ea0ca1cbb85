package e2e

// The glossary (docs/glossary.md) is the single source of truth of the
// page's terms: its table lists, for each term, the wrong forms to avoid
// in French and in English. This test reads that table and fails if a
// wrong form is in the visible text of the page in its language, with
// every section laid out, every demo run and every <details> open (the
// derivations included).

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// glossaryForbidden reads docs/glossary.md and returns the quoted wrong
// forms of its table's "à éviter (fr)" and "avoid (en)" columns.
func glossaryForbidden(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(), "docs", "glossary.md"))
	if err != nil {
		t.Fatal(err)
	}
	quoted := regexp.MustCompile(`"([^"]+)"`)
	out := map[string][]string{}
	col := map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(col) == 0 {
			for i, c := range cells {
				switch c {
				case "à éviter (fr)":
					col["fr"] = i
				case "avoid (en)":
					col["en"] = i
				}
			}
			if len(col) != 2 {
				t.Fatalf("docs/glossary.md: the table's header %q has no à éviter (fr) and avoid (en) columns", line)
			}
			continue
		}
		for lang, i := range col {
			if i < len(cells) {
				for _, m := range quoted.FindAllStringSubmatch(cells[i], -1) {
					out[lang] = append(out[lang], m[1])
				}
			}
		}
	}
	return out
}

// wholeWord reports where word occurs in text as a whole word (no letter
// or digit right before or after it), case ignored; -1 if it does not.
func wholeWord(text, word string) int {
	lt, lw := strings.ToLower(text), strings.ToLower(word)
	for from := 0; ; {
		i := strings.Index(lt[from:], lw)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(lt[:i])
		after, _ := utf8.DecodeRuneInString(lt[i+len(lw):])
		isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
		if (i == 0 || !isWord(before)) && (i+len(lw) == len(lt) || !isWord(after)) {
			return i
		}
		from = i + 1
	}
}

func TestLessonGlossaryTerms(t *testing.T) {
	forbidden := glossaryForbidden(t)
	if len(forbidden["fr"]) < 5 || len(forbidden["en"]) < 5 {
		t.Fatalf("docs/glossary.md lists too few wrong forms: %v", forbidden)
	}
	for _, lang := range []string{"fr", "en"} {
		p := lessonPage(t, "lang="+lang)
		showAllDemos(p)
		p.evalJS(`(async () => { for (const d of document.querySelectorAll('details')) d.open = true;
			await new Promise((r) => setTimeout(r, 300)); return true; })()`, nil)
		p.waitJS(`[...document.querySelectorAll('[data-derivation]')].every((d) => d.querySelector('.deriv-numbers p'))`, 30*time.Second, "the derivations to open")
		text := visibleText(p)
		if !strings.Contains(text, map[string]string{"fr": "Rétropropagation", "en": "Backpropagation"}[lang]) {
			t.Fatalf("%s: the page is not in its language", lang)
		}
		for _, w := range forbidden[lang] {
			if i := wholeWord(text, w); i >= 0 {
				t.Errorf("%s: %q (docs/glossary.md: to avoid) is visible: …%s…", lang, w, text[max(0, i-60):min(len(text), i+len(w)+60)])
			}
		}
		if lang == "fr" {
			checkFrenchApostrophes(t, p)
		}
		p.assertNoConsoleErrors()
	}
}

// checkFrenchApostrophes fails on a straight apostrophe between two letters
// in the French page's text: French typography writes ’ (l’exemple). The
// formulas (KaTeX, where ' is a prime) and code are left out.
func checkFrenchApostrophes(t *testing.T, p *Page) {
	t.Helper()
	var bad []string
	p.evalJS(`(() => {
		const skip = '.katex, code, pre, textarea, script, style';
		const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
			acceptNode: (n) => n.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
		const out = [];
		for (let n; (n = w.nextNode()); ) {
			const m = n.data.match(/.{0,30}[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ].{0,30}/);
			if (m) out.push(m[0]);
		}
		return out;
	})()`, &bad)
	for i, s := range bad {
		if i == 10 {
			t.Errorf("… and %d more", len(bad)-10)
			break
		}
		t.Errorf("fr: a straight apostrophe, not ’: %q", s)
	}
}
