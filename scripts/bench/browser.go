package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the path of Debian's Chromium.
func chromium() (string, error) {
	for _, p := range []string{"/usr/bin/chromium", "chromium"} {
		if path, err := exec.LookPath(p); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("no chromium (apt-get install chromium; make deps does)")
}

// chromiumVersion returns `chromium --version`.
func chromiumVersion() string {
	p, err := chromium()
	if err != nil {
		return "none"
	}
	out, err := exec.Command(p, "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// newBrowser starts a headless Chromium with the flags of design §4.2 and a
// fresh profile (so every start is a cold cache). The returned cancel stops
// it and removes the profile.
func newBrowser(parent context.Context) (context.Context, context.CancelFunc, error) {
	path, err := chromium()
	if err != nil {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp("", "nnstep-bench-chrome-")
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.WindowSize(1280, 800),
		chromedp.UserDataDir(dir),
	}
	actx, acancel := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("start chromium: %v", err)
	}
	return ctx, func() {
		cancel()
		acancel()
		os.RemoveAll(dir)
	}, nil
}

// serveLoopback serves h on 127.0.0.1 with a free port and returns its base
// URL and a function that stops it.
func serveLoopback(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}

// poll evaluates cond (a JS expression) every 50 ms until it is true or
// the context ends.
func poll(ctx context.Context, cond string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %v", cond, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
