// Package lessontext builds the lesson's prose from the Markdown documents of
// site/web/lesson/<lang>/*.md into one JavaScript module, gen/lesson-text.js
// (docs/content.md). Each document holds the text blocks of one section in
// one language; each block starts with a marker line
//
//	<!-- block: neuron.intro -->
//	<!-- block: act.intro params: alphaPrelu alphaLeaky -->
//
// naming the i18n key the page's data-i18n-block element shows, and the
// parameters the page fills at run time. The module exports, per language
// and key, the block's Markdown source (the i18n tables' string, as t()
// returns it) and its HTML, Markdown rendered by goldmark with the formulas
// already typeset by KaTeX (scripts/katex-mathml.mjs) when they do not hold
// a parameter.
package lessontext

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
)

// Langs are the page's languages, one folder each.
var Langs = []string{"fr", "en"}

// ParamOpen and ParamClose enclose a parameter's name in the HTML: private
// use characters, which neither the prose nor KaTeX's MathML ever hold, so
// that the page fills exactly the declared parameters (js/i18n.js).
const (
	ParamOpen  = "\ue000"
	ParamClose = "\ue001"
)

// A Block is one text block of a section, in one language.
type Block struct {
	Key    string
	Params []string
	Source string // the Markdown, as written (French spaces applied)
	HTML   string
}

var (
	markerRe = regexp.MustCompile(`^<!--\s*block:\s*([\w.]+)(?:\s+params:((?:\s+\w+)+))?\s*-->\s*$`)
	mathRe   = regexp.MustCompile(`\$\$([\s\S]+?)\$\$|\$([^$]+?)\$`)
	paramRe  = regexp.MustCompile(`\{(\w+)\}`)
	// French spacing as js/typo.js: a narrow no-break space before : ; ! ?
	// and », after «.
	frSignRe = regexp.MustCompile(`[ \x{00a0}]([:;!?»])`)
	frOpenRe = regexp.MustCompile(`«[ \x{00a0}]`)
	// Punctuation right after an inline formula stays on its line (as
	// math.js inline()).
	punctRe = regexp.MustCompile(`^[\x{00a0}\x{202f}]?[.,;:!?)\]»]+`)
)

// Parse reads one document: its blocks in order.
func Parse(name string, src []byte) ([]Block, error) {
	var blocks []Block
	var body []string
	flush := func() {
		if len(blocks) > 0 {
			blocks[len(blocks)-1].Source = strings.TrimSpace(strings.Join(body, "\n"))
		}
		body = nil
	}
	for i, line := range strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") {
		if m := markerRe.FindStringSubmatch(line); m != nil {
			flush()
			blocks = append(blocks, Block{Key: m[1], Params: strings.Fields(m[2])})
			continue
		}
		if len(blocks) == 0 && strings.TrimSpace(line) != "" {
			return nil, fmt.Errorf("%s:%d: text before the first <!-- block: key --> line", name, i+1)
		}
		body = append(body, line)
	}
	flush()
	return blocks, nil
}

// frenchSpaces applies French spacing outside the formulas.
func frenchSpaces(s string) string {
	var out strings.Builder
	last := 0
	for _, m := range mathRe.FindAllStringIndex(s, -1) {
		out.WriteString(frOpenRe.ReplaceAllString(frSignRe.ReplaceAllString(s[last:m[0]], "\u202f$1"), "«\u202f"))
		out.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	out.WriteString(frOpenRe.ReplaceAllString(frSignRe.ReplaceAllString(s[last:], "\u202f$1"), "«\u202f"))
	return out.String()
}

// A formula found in a block.
type formula struct {
	tex     string
	display bool
	live    bool // holds a parameter: typeset by the page
}

// Build renders every document under dir (dir/<lang>/*.md) and returns the
// module's source. node runs scripts/katex-mathml.mjs from root.
func Build(dir, root string) ([]byte, error) {
	type langBlocks struct {
		lang   string
		blocks []Block
	}
	var all []langBlocks
	var formulas []formula
	for _, lang := range Langs {
		files, err := filepath.Glob(filepath.Join(dir, lang, "*.md"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		lb := langBlocks{lang: lang}
		seen := map[string]string{}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			blocks, err := Parse(f, src)
			if err != nil {
				return nil, err
			}
			for _, b := range blocks {
				if prev, ok := seen[b.Key]; ok {
					return nil, fmt.Errorf("%s: block %s already in %s", f, b.Key, prev)
				}
				seen[b.Key] = f
				if lang == "fr" {
					b.Source = frenchSpaces(b.Source)
				}
				html, fs, err := render(b)
				if err != nil {
					return nil, fmt.Errorf("%s: block %s: %v", f, b.Key, err)
				}
				b.HTML = html
				formulas = append(formulas, fs...)
				lb.blocks = append(lb.blocks, b)
			}
		}
		all = append(all, lb)
	}
	mathml, err := typeset(formulas, root)
	if err != nil {
		return nil, err
	}
	source := map[string]map[string]string{}
	html := map[string]map[string]string{}
	for _, lb := range all {
		source[lb.lang] = map[string]string{}
		html[lb.lang] = map[string]string{}
		for _, b := range lb.blocks {
			source[lb.lang][b.Key] = b.Source
			h := mathml.Replace(b.HTML)
			if strings.Contains(h, "\x00") {
				return nil, fmt.Errorf("%s: block %s: a formula was left untypeset", lb.lang, b.Key)
			}
			html[lb.lang][b.Key] = h
		}
	}
	var out bytes.Buffer
	out.WriteString("// Generated by site/lessontext from site/web/lesson/<lang>/*.md (docs/content.md): edit those, not this.\n")
	for _, v := range []struct {
		name string
		m    map[string]map[string]string
	}{{"source", source}, {"html", html}} {
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		out.WriteString("export const " + v.name + " = ")
		if err := enc.Encode(v.m); err != nil {
			return nil, err
		}
		out.Truncate(out.Len() - 1)
		out.WriteString(";\n")
	}
	return out.Bytes(), nil
}

// token names formula i in the Markdown goldmark renders: letters and digits
// only, which Markdown leaves as they are.
func token(i int) string { return "nnstepformula" + strconv.Itoa(i) + "z" }

var tokenRe = regexp.MustCompile(`nnstepformula(\d+)z`)

// render turns a block into HTML in which each formula is a token of the
// global list it returns (numbered from 0 in this block; typeset replaces
// them). Parameters outside formulas become ParamOpen name ParamClose.
func render(b Block) (string, []formula, error) {
	params := map[string]bool{}
	for _, p := range b.Params {
		params[p] = true
	}
	var fs []formula
	var md strings.Builder
	last := 0
	text := func(s string) error {
		for _, m := range paramRe.FindAllStringSubmatch(s, -1) {
			if !params[m[1]] {
				return fmt.Errorf("{%s} is not a declared parameter (params: on the block's line)", m[1])
			}
		}
		md.WriteString(paramRe.ReplaceAllString(s, ParamOpen+"$1"+ParamClose))
		return nil
	}
	for _, m := range mathRe.FindAllStringSubmatchIndex(b.Source, -1) {
		if err := text(b.Source[last:m[0]]); err != nil {
			return "", nil, err
		}
		f := formula{display: m[2] >= 0}
		if f.display {
			f.tex = strings.TrimSpace(b.Source[m[2]:m[3]])
		} else {
			f.tex = b.Source[m[4]:m[5]]
		}
		for _, p := range paramRe.FindAllStringSubmatch(f.tex, -1) {
			if params[p[1]] {
				f.live = true
			}
		}
		md.WriteString(token(len(fs)))
		fs = append(fs, f)
		last = m[1]
	}
	if err := text(b.Source[last:]); err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	if err := goldmark.Convert([]byte(md.String()), &buf); err != nil {
		return "", nil, err
	}
	html := strings.TrimSpace(buf.String())
	// A paragraph that is one displayed formula is a div.formula, as in
	// math.js rich(); a displayed formula inside a paragraph a span.formula.
	var out strings.Builder
	for {
		loc := tokenRe.FindStringSubmatchIndex(html)
		if loc == nil {
			out.WriteString(html)
			break
		}
		i, _ := strconv.Atoi(html[loc[2]:loc[3]])
		f := fs[i]
		before, after := html[:loc[0]], html[loc[1]:]
		var markup string
		switch {
		case f.display && strings.HasSuffix(before, "<p>") && strings.HasPrefix(after, "</p>"):
			before = strings.TrimSuffix(before, "<p>")
			after = strings.TrimPrefix(after, "</p>")
			markup = `<div class="formula">` + placeholder(f, params) + `</div>`
		case f.display:
			markup = `<span class="formula">` + placeholder(f, params) + `</span>`
		default:
			markup = placeholder(f, params)
			if p := punctRe.FindString(after); p != "" {
				markup = `<span class="nobr">` + markup + p + `</span>`
				after = after[len(p):]
			}
		}
		out.WriteString(before)
		out.WriteString(markup)
		html = after
	}
	return out.String(), fs, nil
}

// placeholder is where a formula goes: a static formula's typeset markup
// (a key typeset resolves), or, for a formula with parameters, a span the
// page typesets once it has filled them.
func placeholder(f formula, params map[string]bool) string {
	if f.live {
		tex := paramRe.ReplaceAllStringFunc(f.tex, func(m string) string {
			if params[m[1:len(m)-1]] {
				return ParamOpen + m[1:len(m)-1] + ParamClose
			}
			return m
		})
		d := "0"
		if f.display {
			d = "1"
		}
		return `<span class="tex-live" data-display="` + d + `">` + escape(tex) + `</span>`
	}
	return "\x00" + formulaKey(f) + "\x00"
}

func formulaKey(f formula) string {
	if f.display {
		return "D" + f.tex
	}
	return "I" + f.tex
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// typeset runs KaTeX once over every static formula and returns the
// replacer of their placeholders by their MathML.
func typeset(fs []formula, root string) (*strings.Replacer, error) {
	type in struct {
		TeX     string `json:"tex"`
		Display bool   `json:"display"`
	}
	var list []in
	var keys []string
	seen := map[string]bool{}
	for _, f := range fs {
		k := formulaKey(f)
		if f.live || seen[k] {
			continue
		}
		seen[k] = true
		list = append(list, in{f.tex, f.display})
		keys = append(keys, k)
	}
	if len(list) == 0 {
		return strings.NewReplacer(), nil
	}
	stdin, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", filepath.Join("scripts", "katex-mathml.mjs"))
	cmd.Dir = root
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("typesetting with KaTeX (node scripts/katex-mathml.mjs; run make deps): %v\n%s", err, stderr.Bytes())
	}
	var mathml []string
	if err := json.Unmarshal(stdout, &mathml); err != nil || len(mathml) != len(keys) {
		return nil, fmt.Errorf("typesetting with KaTeX: unexpected answer (%v)", err)
	}
	pairs := make([]string, 0, 2*len(keys))
	for i, k := range keys {
		pairs = append(pairs, "\x00"+k+"\x00", mathml[i])
	}
	return strings.NewReplacer(pairs...), nil
}

// Generate writes gen/lesson-text.js into outDir from root's
// site/web/lesson.
func Generate(root, outDir string) error {
	js, err := Build(filepath.Join(root, "site", "web", "lesson"), root)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "lesson-text.js"), js, 0o644)
}
