# nnstep — see README.md. `make serve` and `make test` do their own set-up.
ADDR ?= 127.0.0.1:8080
GO ?= go
WASM_EXEC_DIR := $(shell $(GO) env GOROOT)/lib/wasm
GEN := site/web/gen

.PHONY: all deps vendor wasm serve test test-go test-wasm test-browser vet fuzz bench site offline worker clean

all: wasm

deps:
	@bash scripts/deps.sh

# The lesson module: core + ebiten stage, compiled for the browser.
wasm: vendor
	@mkdir -p $(GEN)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(GEN)/lesson.wasm ./wasm/lesson
	cp $(WASM_EXEC_DIR)/wasm_exec.js $(GEN)/wasm_exec.js

# KaTeX as one ES module in site/web/vendor/ (the page typesets with it, offline).
vendor:
	@bash scripts/vendor-katex.sh

serve: deps wasm
	$(GO) run ./site/cmd/serve -addr $(ADDR)

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./core/... ./wasm/...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

test-go:
	$(GO) test ./...

# core's tests compiled to wasm and run under Node, against the same golden files.
test-wasm:
	PATH="$$PATH:$(WASM_EXEC_DIR)" GOOS=js GOARCH=wasm $(GO) test ./core/...

test: deps vet test-go test-wasm

clean:
	rm -rf $(GEN) dist build
