// Command serve runs nnstep natively: the static site of a directory (the
// built dist/ by default, or site/web while developing) and the lesson's API
// under /api/, on a loopback address, with no network and no account.
//
// Usage:
//
//	serve [-addr 127.0.0.1:8080] [-dir dist] [-frame-ancestors '*'] [-memory-limit 384]
//
// -frame-ancestors is the CSP frame-ancestors source list, the pages allowed
// to embed the lesson in a frame ("*": any; "'self' https://moodle.example.edu":
// only those). The headers are those of nnstep/site/server's Policy, the
// same table that the site build writes to dist/_headers for Cloudflare.
//
// -memory-limit is the Go runtime's soft memory limit in MiB
// (debug.SetMemoryLimit; GOMEMLIMIT, when set, wins): past it the garbage
// collector runs more often, so the traces the API runs at once
// (api.TraceSlots) stay within it (docs/robustness.md, "Bounded work").
// The connections' deadlines are server.DefaultTimeouts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"nnstep/site/api"
	"nnstep/site/server"
)

// defaultMemoryLimit is the soft memory limit in MiB. scripts/loadtest
// (the largest traces the API allows, 12 clients at once, beside ordinary
// traffic) measured a peak RSS of 250 MiB with no limit; a limit under
// that makes the collector run without pause, so it sits above it and
// below the 512 MiB bound of docs/robustness.md.
const defaultMemoryLimit = 384

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	dir := flag.String("dir", "dist", "directory of the site to serve (dist after `make site`, or site/web)")
	frameAncestors := flag.String("frame-ancestors", server.DefaultFrameAncestors,
		"CSP frame-ancestors sources: which pages may embed the lesson in a frame")
	memLimit := flag.Int64("memory-limit", defaultMemoryLimit, "soft memory limit of the Go runtime in MiB (0: none); GOMEMLIMIT wins")
	flag.Parse()
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set && *memLimit > 0 {
		debug.SetMemoryLimit(*memLimit << 20)
	}
	if err := run(*addr, *dir, *frameAncestors); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

func run(addr, dir, frameAncestors string) error {
	logger := log.New(os.Stderr, "serve: ", log.LstdFlags)
	srv, err := server.NewDir(dir, server.Options{
		Policy: server.Policy{FrameAncestors: frameAncestors},
		API:    api.Handler(),
		Log:    logger,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := srv.HTTPServer(logger)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(shutdown)
	}()
	logger.Printf("serving %s on http://%s/ (API under /api/)", dir, ln.Addr())
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
