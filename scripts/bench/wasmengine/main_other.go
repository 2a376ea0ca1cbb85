//go:build !(js && wasm)

// Command wasmengine runs in the browser only: build it with
// GOOS=js GOARCH=wasm (scripts/bench does). Natively it says so.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasmengine: build with GOOS=js GOARCH=wasm; scripts/bench runs it in headless Chromium")
	os.Exit(2)
}
