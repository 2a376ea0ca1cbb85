//go:build !js

// The stage runs in the browser only; natively this package builds so that
// its model, settings and geometry can be tested with go test.
package main

func main() {}
