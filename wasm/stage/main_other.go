//go:build !js

// The stage runs in the browser only; natively this package builds so that
// its view, geometry and highlights can be tested with go test.
package main

func main() {}
