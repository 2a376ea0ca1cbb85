# workerd configuration running the Go Worker of nnstep locally, as the
# delivery tests do (wasm/worker/workerd_test.go). The module files are those
# `make worker` writes to build/worker; the test copies this file next to
# them. By hand, from the repository root:
#   make worker && cp wasm/worker/workerd.capnp build/worker/ &&
#   node_modules/.bin/workerd serve build/worker/workerd.capnp --socket-addr http=127.0.0.1:8787
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "nnstep", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "nnstep") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "wasm_exec.js", esModule = embed "wasm_exec.js"),
    (name = "runtime.mjs", esModule = embed "runtime.mjs"),
    (name = "app.wasm", wasm = embed "app.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
