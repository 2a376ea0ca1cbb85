// Package headless starts Debian's Chromium the way every browser check of
// nnstep does (the tests in site/e2e, make bench, scripts/bench-stage.go):
// with the flags of docs/browsers.md (headless, software WebGL through
// SwiftShader, no sandbox since CI runs as root, no background traffic), a
// 1280×800 window and a profile of its own, so that every start has a cold
// cache.
package headless

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned by Start when no Chromium is installed.
var ErrNoChromium = errors.New("no Chromium found (apt-get install chromium, which make deps does, or set CHROMIUM)")

// Path returns the browser to run: $CHROMIUM when set and present, else
// Debian's /usr/bin/chromium, else a chromium on PATH; "" when none is.
func Path() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// Version returns `chromium --version`, or "none" without a browser.
func Version() string {
	p := Path()
	if p == "" {
		return "none"
	}
	out, err := exec.Command(p, "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// NoWebGL starts the browser without WebGL (--disable-3d-apis): every
// canvas's getContext("webgl2") returns null, as on a machine whose GPU is
// blocklisted or whose browser is hardened (docs/stage.md, "Without WebGL").
var NoWebGL = chromedp.Flag("disable-3d-apis", true)

// Options are the allocator options for the browser exe with its profile in
// the folder profile, followed by extra.
func Options(exe, profile string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.WindowSize(1280, 800),
		chromedp.UserDataDir(profile),
	)
	return append(opts, extra...)
}

// Start starts the browser with a fresh profile and the options extra (such
// as NoWebGL) after the usual ones, and returns the context of its first
// tab. cancel stops the browser and removes the profile. The error is
// ErrNoChromium when there is no browser to start.
func Start(parent context.Context, extra ...chromedp.ExecAllocatorOption) (ctx context.Context, cancel context.CancelFunc, err error) {
	exe := Path()
	if exe == "" {
		return nil, nil, ErrNoChromium
	}
	profile, err := os.MkdirTemp("", "nnstep-chromium-")
	if err != nil {
		return nil, nil, err
	}
	actx, acancel := chromedp.NewExecAllocator(parent, Options(exe, profile, extra...)...)
	tctx, tcancel := chromedp.NewContext(actx)
	stop := func() {
		tcancel()
		acancel()
		os.RemoveAll(profile)
	}
	if err := chromedp.Do(tctx); err != nil { // starts the browser
		stop()
		return nil, nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return tctx, stop, nil
}

// Slow4G applies to the tab of ctx DevTools' emulation of a phone on a
// slow mobile network ("Slow 4G"): 1.6 Mbit/s down, 750 kbit/s up, 150 ms
// of latency, and the CPU slowed 4×. make bench and scripts/trace use it.
func Slow4G(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	conds := []*network.Conditions{{Latency: 150, DownloadThroughput: 1.6e6 / 8, UploadThroughput: 750e3 / 8}}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule,
		network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: conds}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 4})
	return err
}
