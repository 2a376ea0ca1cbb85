// Command gencss writes css/palette.css, the page's colours as CSS custom
// properties, and js/palette-colors.js, the same colours for the page's
// canvases, from wasm/palette (go generate ./wasm/palette).
package main

import (
	"log"
	"os"

	"nnstep/wasm/palette"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: gencss CSS-FILE JS-FILE")
	}
	if err := os.WriteFile(os.Args[1], []byte(palette.CSS()), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(os.Args[2], []byte(palette.JS()), 0o644); err != nil {
		log.Fatal(err)
	}
}
