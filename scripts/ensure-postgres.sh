#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server binaries are installed for the records tests and benchmarks.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
cmd="apt-get update && apt-get install -y postgresql"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing postgresql: $cmd" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
  echo "apt-get ran, but no /usr/lib/postgresql/*/bin/initdb" >&2
  exit 1
fi
echo "PostgreSQL is missing (no /usr/lib/postgresql/*/bin/initdb); install it with: sudo $cmd" >&2
exit 1
