// Command build turns the lesson page of site/web into what is delivered:
// the static site dist/ and the offline lesson file.
//
// Usage:
//
//	build site    [-src site/web] [-out dist] [-frame-ancestors '*'] [-cache build/site-cache]
//	build offline [-dist dist] [-page index.html] [-out dist/nnstep-offline.html] [-frame-ancestors '*']
//
// "site" bundles each module script of each HTML page with esbuild into one
// file, gives the bundles, the wasm, the styles and every other file that a
// page, stylesheet or script refers to a content-hashed name
// (lesson.wasm → lesson.0123456789.wasm, in the same folder) and rewrites the
// references, writes brotli (.br) and gzip (.gz) copies of the compressible
// files, a 404.html when the source has none, the Cloudflare _headers file
// generated from nnstep/site/server's header table, and an .assetsignore
// that keeps the compressed copies out of a Workers Static Assets upload.
//
// "offline" reads a built dist/ and writes one HTML file holding everything
// the page needs (scripts, styles, images, fonts, the gzip-compressed wasm
// module), which works when opened from file:// with no network. See
// docs/delivery.md for the hook the page's boot code uses.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "site":
		err = siteMain(os.Args[2:])
	case "offline":
		err = offlineMain(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: build site|offline [flags]; build site -h or build offline -h for the flags")
	os.Exit(2)
}

func siteMain(args []string) error {
	fs := flag.NewFlagSet("site", flag.ExitOnError)
	var c SiteConfig
	fs.StringVar(&c.Src, "src", "site/web", "source folder of the page")
	fs.StringVar(&c.Out, "out", "dist", "output folder (replaced)")
	fs.StringVar(&c.FrameAncestors, "frame-ancestors", "*", "CSP frame-ancestors sources written to _headers")
	fs.StringVar(&c.Cache, "cache", "build/site-cache", "folder keeping compressed copies between builds (\"\" for none)")
	fs.StringVar(&c.Esbuild, "esbuild", "", "esbuild binary (default: node_modules/.bin/esbuild found upwards from the working folder)")
	fs.IntVar(&c.BrotliQuality, "brotli-quality", 11, "brotli quality, 0-11")
	fs.Parse(args)
	res, err := BuildSite(c)
	if err != nil {
		return err
	}
	res.Print(os.Stdout)
	return nil
}

func offlineMain(args []string) error {
	fs := flag.NewFlagSet("offline", flag.ExitOnError)
	var c OfflineConfig
	fs.StringVar(&c.Dist, "dist", "dist", "built site folder (make site)")
	fs.StringVar(&c.Page, "page", "index.html", "page of the built site to make self-contained")
	fs.StringVar(&c.Out, "out", "dist/nnstep-offline.html", "offline file to write")
	fs.StringVar(&c.FrameAncestors, "frame-ancestors", "*", "CSP frame-ancestors sources, to rewrite _headers when the file is written inside -dist")
	fs.StringVar(&c.Cache, "cache", "build/site-cache", "folder keeping compressed copies between builds (\"\" for none)")
	fs.StringVar(&c.Esbuild, "esbuild", "", "esbuild binary (default: node_modules/.bin/esbuild found upwards from the working folder)")
	fs.Parse(args)
	res, err := BuildOffline(c)
	if err != nil {
		return err
	}
	fmt.Printf("offline: wrote %s: %s (wasm %s raw, %s gzip)\n", c.Out, human(res.Size), human(res.WasmRaw), human(res.WasmGzip))
	return nil
}
