#!/usr/bin/env bash
# Installs what running or testing needs on a fresh Debian/Ubuntu machine, and nothing that is there already.
#   scripts/prerequisites.sh            PostgreSQL server programs; Node.js and npm (the build installs the Live Room's browser packages)
#   scripts/prerequisites.sh --browser  also Chromium, for the browser tests
set -euo pipefail

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

have_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}

missing=()
have_postgres || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [[ $want_browser == 1 ]] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); install it and run this again." >&2
  exit 1
fi

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "==> installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    sudo=sudo
  else
    sudo=
  fi
  if command -v apt-get >/dev/null 2>&1; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian starts a system cluster on 5432 after installing; the project runs its own servers.
  else
    echo "Please install: ${missing[*]} (no apt-get here)." >&2
    exit 1
  fi
fi
