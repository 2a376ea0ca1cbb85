#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh machine, and nothing
# twice: Debian's Chromium and Firefox ESR (browser tests; docs/browsers.md)
# and NumPy (benchmark baseline), the npm packages pinned in
# package-lock.json, and the Go modules.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy) # Debian's python3, the one the benchmark runs
/usr/bin/python3 -c 'import nbformat' >/dev/null 2>&1 || need+=(python3-nbformat) # validates the exported notebooks (core/notebook)
command -v brotli >/dev/null 2>&1 || need+=(brotli)
if ((${#need[@]})); then
  echo "deps: installing ${need[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.nnstep-lock; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.nnstep-lock
fi

go mod download
