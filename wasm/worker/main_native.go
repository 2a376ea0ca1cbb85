//go:build !(js && wasm)

package main

import (
	"flag"
	"log"
	"net/http"

	"nnstep/site/api"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9900", "address to listen on")
	flag.Parse()
	log.Printf("worker (native debug build): http://%s/api/", *addr)
	log.Fatal(http.ListenAndServe(*addr, adapt(api.Handler())))
}
