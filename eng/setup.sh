#!/usr/bin/env bash
# Prepares a machine to build and run QuickDrawDsl. Idempotent: does nothing where the machine is ready.
#
# TorchSharp 0.107 (libtorch 2.10) needs libstdc++ with GLIBCXX_3.4.32 (GCC 13's runtime). Debian 12 and
# Ubuntu 22.04 ship 3.4.30. On Debian 12 this script installs libstdc++6 from Debian trixie, pinned at a low
# priority so that nothing else is upgraded from trixie unless asked for by name.
set -euo pipefail

readonly required="GLIBCXX_3.4.32"
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not on PATH; install .NET 10 (https://dot.net/download) and run this again."

"$(dirname "$0")/setup-browser.sh"
[ "$(uname -s)" = "Linux" ] || { say "not Linux: nothing to do."; exit 0; }

find_libstdcxx() {
  local p
  p=$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true) | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; exit}')
  if [ -z "$p" ]; then
    for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /lib64 /usr/lib; do
      [ -e "$d/libstdc++.so.6" ] && { p="$d/libstdc++.so.6"; break; }
    done
  fi
  printf '%s' "$p"
}

has_required() { [ -n "$1" ] && grep -qa "$required" "$(readlink -f "$1")"; }

lib=$(find_libstdcxx)
if has_required "$lib"; then
  say "libstdc++ ($lib) has $required: native runtime ready."
  exit 0
fi

os_id=""; os_version=""
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  . /etc/os-release
  os_id="${ID:-}"; os_version="${VERSION_ID:-}"
fi

if [ "$os_id" != "debian" ] || [ "$os_version" != "12" ]; then
  case "$os_id" in
    ubuntu) die "${lib:-libstdc++.so.6} lacks $required (needed by libtorch 2.10); on Ubuntu run: sudo add-apt-repository -y ppa:ubuntu-toolchain-r/test && sudo apt-get install -y libstdc++6" ;;
    *) die "${lib:-libstdc++.so.6} lacks $required (needed by libtorch 2.10); install libstdc++ from GCC 13 or newer with your package manager." ;;
  esac
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
    SUDO="sudo"
  else
    die "${lib:-libstdc++.so.6} lacks $required (needed by libtorch 2.10); run as root: sudo ./eng/setup.sh"
  fi
fi

say "${lib:-libstdc++.so.6} lacks $required; installing libstdc++6 from Debian trixie (low pin priority)."
$SUDO tee /etc/apt/sources.list.d/quickdrawdsl-trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
$SUDO tee /etc/apt/preferences.d/quickdrawdsl-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || die "apt-get update failed (no network or no Debian mirror?); libstdc++6 from trixie is needed for $required."
$SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null || die "apt-get install -t trixie libstdc++6 failed; see the output above."

lib=$(find_libstdcxx)
has_required "$lib" || die "installed libstdc++6 from trixie but $lib still lacks $required."
say "libstdc++ ($lib) now has $required: native runtime ready."
