//go:build !js

// The lesson module runs in the browser only; natively this package builds
// so that its model and settings can be tested with go test.
package main

func main() {}
