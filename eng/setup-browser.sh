#!/usr/bin/env bash
# Prepares what quickdraw serve's browser test needs: Debian's chromium (Playwright drives /usr/bin/chromium; it cannot
# download browsers here) and npm (the QuickDraw build restores onnxruntime-web with npm ci). Idempotent: does nothing
# where both are present. Says what it installs before installing it; QD_NO_SYSTEM_CHANGES=1 stops it from changing
# the system and says what to install instead.
set -euo pipefail

say() { printf 'setup-browser: %s\n' "$*"; }
die() { printf 'setup-browser: error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)" = "Linux" ] || { say "not Linux: install Chromium (for the browser test) and Node.js with npm yourself."; exit 0; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  say "chromium ($(/usr/bin/chromium --version 2>/dev/null | head -n 1 || echo /usr/bin/chromium)) and npm $(npm --version 2>/dev/null) present: browser test ready."
  exit 0
fi

if [ "${QD_NO_SYSTEM_CHANGES:-0}" = "1" ]; then
  die "missing ${missing[*]}; QD_NO_SYSTEM_CHANGES=1 forbids installing them. Install them yourself (Debian: apt-get install ${missing[*]}), or leave QD_NO_SYSTEM_CHANGES unset."
fi

command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and this is not a Debian-like system: install Chromium at /usr/bin/chromium and Node.js with npm."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
    SUDO="sudo"
  else
    die "missing ${missing[*]}; run as root: sudo ./eng/setup-browser.sh (it runs apt-get install ${missing[*]})"
  fi
fi

say "installing Debian packages: ${missing[*]} (with their dependencies) via apt-get."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || die "apt-get update failed (no network or no Debian mirror?); ${missing[*]} cannot be installed."
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed; see the output above."
[ -x /usr/bin/chromium ] || die "installed chromium but /usr/bin/chromium is missing."
say "installed ${missing[*]}: browser test ready."
