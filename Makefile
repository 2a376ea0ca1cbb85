# nnstep — see README.md. `make serve` and `make test` do their own set-up.
ADDR ?= 127.0.0.1:8080
GO ?= go
WASM_EXEC_DIR := $(shell $(GO) env GOROOT)/lib/wasm
GEN := site/web/gen

.PHONY: all deps vendor wasm serve test test-go test-wasm test-browser vet fuzz test-fuzz bench site offline worker test-delivery clean

all: wasm

deps:
	@bash scripts/deps.sh

# The page's two Go modules (docs/frontend.md, "Two modules"): the lesson
# module (core, the model and the JS bridge; no graphics, small, so the page
# is interactive early) and the stage module (ebiten drawing the model).
# WASM_GCFLAGS (wasm/lesson/gcflags.txt, also read by the browser tests):
# no inlining (-l) in the packages that run once at start-up or rarely
# (ebiten's shader compiler with go/parser, math/big, text/template and
# regexp; fmt, reflect, encoding/json...), which makes the stage module
# about 160 kB smaller once compressed; the runtime, core, the stage and
# ebiten's per-frame packages keep the default (docs/frontend.md, "Boot").
# LESSON_GCFLAGS (wasm/lesson/gcflags-lesson.txt, the lesson module only):
# no inlining in its own packages that run per call, not per epoch (the
# NumPy cells, the trace, the notebook, the demos, the bridge's marshalling),
# 15 kB less once compressed before nnstep.ready; what trains or runs at
# start-up keeps the default (docs/frontend.md, "What the lesson module
# carries").
WASM_GCFLAGS := $(shell cat wasm/lesson/gcflags.txt)
LESSON_GCFLAGS := $(WASM_GCFLAGS) $(shell cat wasm/lesson/gcflags-lesson.txt)
wasm: vendor
	@mkdir -p $(GEN)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' $(LESSON_GCFLAGS) -o $(GEN)/lesson.wasm ./wasm/lesson
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' $(WASM_GCFLAGS) -o $(GEN)/stage.wasm ./wasm/stage
	cp $(WASM_EXEC_DIR)/wasm_exec.js $(GEN)/wasm_exec.js
	$(GO) run ./site/cmd/lessontext -out $(GEN)

# KaTeX as one ES module in site/web/vendor/ (the page typesets with it, offline).
vendor:
	@bash scripts/vendor-katex.sh

# Delivery (docs/delivery.md). The page is built from site/web with the
# Go modules when wasm/lesson exists, else as it stands (KaTeX only).
DIST ?= dist
FRAME_ANCESTORS ?= *
BROTLI ?= 11
SITE_INPUTS := $(if $(wildcard wasm/lesson/main.go),wasm,vendor)

# The native server: dist/ with the headers of site/server and the API under /api/.
serve: site
	$(GO) run ./site/cmd/serve -addr $(ADDR) -dir $(DIST) -frame-ancestors '$(FRAME_ANCESTORS)'

# The static site in dist/: hashed names, .br/.gz copies, 404.html, _headers.
site: deps $(SITE_INPUTS)
	$(GO) run ./site/cmd/build site -src site/web -out $(DIST) -frame-ancestors '$(FRAME_ANCESTORS)' -brotli-quality $(BROTLI)

# One self-contained page that works from file:// with no network.
offline: site
	$(GO) run ./site/cmd/build offline -dist $(DIST) -out $(DIST)/nnstep-offline.html -frame-ancestors '$(FRAME_ANCESTORS)'

# The Cloudflare Worker (API only) in build/worker; deploy: npx wrangler deploy -c wasm/worker/wrangler.jsonc
worker: deps
	$(GO) tool workers-assets-gen -mode=go -o build/worker
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o build/worker/app.wasm ./wasm/worker
	@echo "worker: build/worker/app.wasm $$(wc -c <build/worker/app.wasm) bytes"

# Delivery checks on the real outputs: headers of dist/ served natively, the
# offline file from file:// with the network blocked, the course iframe, and
# the Worker in workerd answering as the native server.
test-delivery: deps offline worker
	$(GO) vet -tags delivery ./site/e2e/ ./wasm/worker/
	$(GO) test -count=1 -tags delivery -run 'Delivery|Worker' ./site/e2e/ ./wasm/worker/

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./core/... ./wasm/...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod or go.sum is not tidy: run go mod tidy"; exit 1; }

test-go:
	$(GO) test ./...

# core's tests compiled to wasm and run under Node, against the same golden files.
test-wasm:
	PATH="$$PATH:$(WASM_EXEC_DIR)" GOOS=js GOARCH=wasm $(GO) test ./core/...

test: deps vet test-go test-wasm test-fuzz test-delivery test-browser

# Browser tests of the page (site/e2e): the wasm module built fresh, site/web
# served by httptest, Debian's Chromium driven by chromedp (also without
# WebGL), and the essential checks in Debian's Firefox ESR over WebDriver
# BiDi with puppeteer-core (docs/browsers.md). Slow on software WebGL,
# hence the long timeout.
test-browser: deps vendor
	NNSTEP_BROWSER=1 $(GO) test -count=1 -timeout 60m ./site/e2e/...

# Fuzzing: every Go fuzz target of the module, each for FUZZTIME
# (scripts/fuzz.sh, which says what FUZZMINTIME and FUZZ_SKIP do and how a
# known race of Go 1.26's fuzzing coordinator is told from a finding);
# `make test` runs them briefly (test-fuzz). Failing inputs are kept by Go
# under the package's testdata/fuzz/ for its owner to fix.
# Longer: make fuzz FUZZTIME=10m.
FUZZTIME ?= 60s
FUZZMINTIME ?= 2s
FUZZ_SKIP ?=

fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) FUZZMINTIME=$(FUZZMINTIME) FUZZ_SKIP='$(FUZZ_SKIP)' bash scripts/fuzz.sh

test-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=5s

# Benchmarks (not part of make test): native, NumPy baseline, wasm engine and
# the built page in headless Chromium, and a loopback load test of the native
# server; writes docs/benchmarks.md (scripts/bench).
BENCH_COUNT ?= 7
bench: site
	$(GO) run ./scripts/bench -count $(BENCH_COUNT) -site $(DIST)

clean:
	rm -rf $(GEN) dist build
