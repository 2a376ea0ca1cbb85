package e2e

// The page's essential checks in a second engine: Debian's Firefox ESR,
// driven over WebDriver BiDi by puppeteer-core (firefox.mjs; why, in
// docs/browsers.md). Firefox here has no WebGL, so it also checks the view
// #stage shows without it.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// firefoxPath returns $FIREFOX when set, else Debian's firefox-esr, which
// scripts/deps.sh installs; "" when neither is there.
func firefoxPath() string {
	for _, p := range []string{os.Getenv("FIREFOX"), "/usr/bin/firefox-esr"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	return ""
}

// FirefoxPage is one line of firefox.mjs: a page's essentials, or why
// they could not be measured.
type FirefoxPage struct {
	URL     string
	Result  *Essentials
	Error   string
	Console []struct{ Type, Text string }
	Errors  []string
}

// runFirefox opens each URL in Firefox ESR and returns what essentials.js
// measured there.
func runFirefox(t *testing.T, urls ...string) []FirefoxPage {
	t.Helper()
	exe := firefoxPath()
	if exe == "" {
		t.Fatal("no Firefox ESR: scripts/deps.sh installs firefox-esr (or set FIREFOX)")
	}
	if _, err := os.Stat(filepath.Join(repoRoot(), "node_modules", "puppeteer-core")); err != nil {
		t.Fatalf("puppeteer-core is not installed: run scripts/deps.sh (%v)", err)
	}
	args := append([]string{filepath.Join(repoRoot(), "site", "e2e", "firefox.mjs"), exe, os.Getenv("NNSTEP_SHOTS")}, urls...)
	cmd := exec.Command("node", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("firefox.mjs: %v\n%s\n%s", err, out, stderr.Bytes())
	}
	var pages []FirefoxPage
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var p FirefoxPage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("firefox.mjs printed %.200q: %v", sc.Bytes(), err)
		}
		pages = append(pages, p)
	}
	if len(pages) != len(urls) {
		t.Fatalf("firefox.mjs reported %d pages of %d\n%s", len(pages), len(urls), stderr.Bytes())
	}
	return pages
}

// check asserts the essentials of a page opened in Firefox, in lang, and
// that it logged no error.
func (p FirefoxPage) check(t *testing.T, lang string) {
	t.Helper()
	if p.Error != "" || p.Result == nil {
		t.Fatalf("%s: %s; console %+v; errors %v", p.URL, p.Error, p.Console, p.Errors)
	}
	t.Logf("%s: WebGL 2 %v, %d ops, epochs %v, frames %d", p.URL, p.Result.WebGL2, p.Result.Ops, p.Result.Epochs, p.Result.Frames)
	p.Result.check(t, lang)
	for _, m := range p.Console {
		if m.Type == "error" || strings.Contains(m.Text, "already exited") {
			t.Errorf("console %s: %s", m.Type, m.Text)
		}
	}
	for _, e := range p.Errors {
		t.Errorf("uncaught: %s", e)
	}
}

// TestFirefoxEssentials: in Firefox ESR, in French and in English, the
// sections render, the step-through shows the trace's numbers, training
// advances the epoch, and #stage shows the view without WebGL.
func TestFirefoxEssentials(t *testing.T) {
	pages := runFirefox(t, siteURL+"/?"+lessonURL, siteURL+"/?"+lessonURL+"&lang=en")
	for i, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) { pages[i].check(t, lang) })
	}
}
