// Command lessontext writes gen/lesson-text.js, the lesson's prose built
// from site/web/lesson/<lang>/*.md (docs/content.md). make wasm runs it.
package main

import (
	"flag"
	"fmt"
	"os"

	"nnstep/site/lessontext"
)

func main() {
	root := flag.String("root", ".", "the repository's root")
	out := flag.String("out", "site/web/gen", "the folder of the generated files")
	flag.Parse()
	if err := lessontext.Generate(*root, *out); err != nil {
		fmt.Fprintln(os.Stderr, "lessontext:", err)
		os.Exit(1)
	}
}
