package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/chromedp/chromedp"
)

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

// poll evaluates cond (a JS expression; a promise is awaited) every 50 ms
// until it is true or the context ends.
func poll(ctx context.Context, cond string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond, chromedp.EvalAwaitPromise))
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
