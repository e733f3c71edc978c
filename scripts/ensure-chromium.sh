#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests and benchmarks (no browser download).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
cmd="apt-get update && apt-get install -y chromium"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium: $cmd" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
  echo "apt-get ran, but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "chromium is missing at /usr/bin/chromium; install it with: sudo $cmd" >&2
exit 1
