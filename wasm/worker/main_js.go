//go:build js && wasm

package main

import (
	"github.com/syumai/workers"

	"nnstep/site/api"
)

func main() {
	workers.Serve(adapt(api.Handler()))
}
