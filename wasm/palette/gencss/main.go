// Command gencss writes css/palette.css, the page's colours as CSS custom
// properties, from wasm/palette (go generate ./wasm/palette).
package main

import (
	"log"
	"os"

	"nnstep/wasm/palette"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: gencss FILE")
	}
	if err := os.WriteFile(os.Args[1], []byte(palette.CSS()), 0o644); err != nil {
		log.Fatal(err)
	}
}
