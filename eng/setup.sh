#!/usr/bin/env bash
# Prepares a machine to build and run QuickDrawDsl. Idempotent: does nothing where the machine is ready.
#
# TorchSharp 0.107 (libtorch 2.10) needs libstdc++ with GLIBCXX_3.4.32 (GCC 13's runtime). Debian 12 and
# Ubuntu 22.04 ship 3.4.30. On Debian 12 this script installs libstdc++6 from Debian trixie (pinned at a low
# priority). Trixie's libstdc++6 needs glibc >= 2.38, so that install also upgrades libc6, dpkg, base-files and
# about 25 other packages, after which /etc/os-release reports Debian 13. Before changing anything the script
# works out the exact list (a simulated install against a private copy of apt's state), prints it and writes it
# to a log. QD_NO_SYSTEM_CHANGES=1 stops there, with one line naming the alternatives.
#
# Overridable (tests use them to simulate a machine; nothing here needs them):
#   QD_SETUP_OS_RELEASE  os-release file             (default /etc/os-release)
#   QD_SETUP_LIBSTDCXX   libstdc++.so.6 to check      (default: found with ldconfig)
#   QD_SETUP_APT_GET     apt-get command              (default apt-get)
#   QD_SETUP_ROOT        prefix of the apt config the install writes (default: none, i.e. /etc/apt)
#   QD_SETUP_LOG         the log of planned system changes (default artifacts/setup/system-changes.log)
set -euo pipefail

readonly required="GLIBCXX_3.4.32"
readonly repo="$(cd "$(dirname "$0")/.." && pwd)"
readonly os_release="${QD_SETUP_OS_RELEASE:-/etc/os-release}"
readonly apt_get="${QD_SETUP_APT_GET:-apt-get}"
readonly root_prefix="${QD_SETUP_ROOT:-}"
readonly log="${QD_SETUP_LOG:-$repo/artifacts/setup/system-changes.log}"
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not on PATH; install .NET 10 (https://dot.net/download) and run this again."

"$(dirname "$0")/setup-browser.sh"
[ "$(uname -s)" = "Linux" ] || { say "not Linux: nothing to do."; exit 0; }

find_libstdcxx() {
  if [ -n "${QD_SETUP_LIBSTDCXX:-}" ]; then printf '%s' "$QD_SETUP_LIBSTDCXX"; return; fi
  local p
  p=$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true) | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; exit}')
  if [ -z "$p" ]; then
    for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /lib64 /usr/lib; do
      [ -e "$d/libstdc++.so.6" ] && { p="$d/libstdc++.so.6"; break; }
    done
  fi
  printf '%s' "$p"
}

has_required() { [ -n "$1" ] && [ -e "$1" ] && grep -qa "$required" "$(readlink -f "$1")"; }

lib=$(find_libstdcxx)
if has_required "$lib"; then
  say "libstdc++ ($lib) has $required: native runtime ready."
  exit 0
fi

os_id=""; os_version=""
if [ -r "$os_release" ]; then
  # shellcheck disable=SC1090
  os_id=$(. "$os_release"; printf '%s' "${ID:-}")
  # shellcheck disable=SC1090
  os_version=$(. "$os_release"; printf '%s' "${VERSION_ID:-}")
fi

if [ "$os_id" != "debian" ] || [ "$os_version" != "12" ]; then
  case "$os_id" in
    ubuntu) die "${lib:-libstdc++.so.6} lacks $required (needed by libtorch 2.10); on Ubuntu run: sudo add-apt-repository -y ppa:ubuntu-toolchain-r/test && sudo apt-get install -y libstdc++6" ;;
    *) die "${lib:-libstdc++.so.6} lacks $required (needed by libtorch 2.10); install libstdc++ from GCC 13 or newer with your package manager." ;;
  esac
fi

SUDO=""
if [ "$(id -u)" -ne 0 ] && [ "${QD_NO_SYSTEM_CHANGES:-0}" != "1" ]; then
  if command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
    SUDO="sudo"
  else
    die "${lib:-libstdc++.so.6} lacks $required (needed by libtorch 2.10); run as root: sudo ./eng/setup.sh"
  fi
fi

sources_file="$root_prefix/etc/apt/sources.list.d/quickdrawdsl-trixie.sources"
pin_file="$root_prefix/etc/apt/preferences.d/quickdrawdsl-trixie"
write_trixie_source() { # $1: sources file, $2: pin file, $3: command prefix (sudo)
  mkdir -p "$(dirname "$1")" "$(dirname "$2")" 2>/dev/null || $3 mkdir -p "$(dirname "$1")" "$(dirname "$2")"
  $3 tee "$1" >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  $3 tee "$2" >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
}

# The exact list: a simulated install against a private copy of apt's configuration and package lists, which
# changes nothing on the system.
say "${lib:-libstdc++.so.6} lacks $required (needed by libtorch 2.10). Trixie's libstdc++6 needs glibc >= 2.38, so installing it upgrades other system packages too; working out which (simulated, nothing is changed yet)..."
sim=$(mktemp -d)
trap 'rm -rf "$sim"' EXIT
mkdir -p "$sim/sources.list.d" "$sim/preferences.d" "$sim/lists/partial" "$sim/cache/archives/partial"
cp -a /etc/apt/sources.list.d/. "$sim/sources.list.d/" 2>/dev/null || true
cp -a /etc/apt/preferences.d/. "$sim/preferences.d/" 2>/dev/null || true
write_trixie_source "$sim/sources.list.d/quickdrawdsl-trixie.sources" "$sim/preferences.d/quickdrawdsl-trixie" ""
apt_sim=(-o "Dir::Etc::SourceParts=$sim/sources.list.d" -o "Dir::Etc::PreferencesParts=$sim/preferences.d"
  -o "Dir::State::Lists=$sim/lists" -o "Dir::Cache=$sim/cache" -o "Debug::NoLocking=1")
export DEBIAN_FRONTEND=noninteractive
"$apt_get" "${apt_sim[@]}" update -qq >/dev/null 2>&1 || die "apt-get update failed (no network or no Debian mirror?); libstdc++6 from trixie is needed for $required."
plan=$("$apt_get" "${apt_sim[@]}" -s install -t trixie libstdc++6 2>/dev/null | awk '/^Inst /{ sub(/^\[/, "", $3); sub(/\]$/, "", $3); from = ($3 ~ /^\(/) ? "new" : $3; to = ($3 ~ /^\(/) ? $3 : $4; gsub(/[()]/, "", to); print $2 " " from " -> " to }') \
  || die "the simulated install of trixie's libstdc++6 failed; run '$apt_get -s install -t trixie libstdc++6' to see why."
count=$(printf '%s\n' "$plan" | grep -c . || true)
mkdir -p "$(dirname "$log")"
{
  printf '# eng/setup.sh, %s: installing libstdc++6 from Debian trixie (for %s) changes these %s packages (name, installed -> new):\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$required" "$count"
  printf '%s\n' "$plan"
  printf '# and adds %s and %s; afterwards /etc/os-release reports Debian 13 (trixie).\n' "$sources_file" "$pin_file"
} > "$log"
say "installing trixie's libstdc++6 changes these $count packages (also written to $log):"
printf '%s\n' "$plan" | sed 's/^/setup:   /'
say "and adds $sources_file and $pin_file; afterwards /etc/os-release reports Debian 13."

if [ "${QD_NO_SYSTEM_CHANGES:-0}" = "1" ]; then
  names=$(printf '%s\n' "$plan" | awk '{print $1}' | head -4 | paste -sd, - | sed 's/,/, /g')
  printf 'setup: stopped (QD_NO_SYSTEM_CHANGES=1): %s lacks %s, and trixie'"'"'s libstdc++6 would upgrade %s system packages (%s, ...; list in %s) and make the system Debian 13; instead use Debian 13 or Ubuntu 24.04 (a container is enough), or put GCC 13'"'"'s libstdc++.so.6 in a folder on LD_LIBRARY_PATH, or run again without QD_NO_SYSTEM_CHANGES to accept the upgrade.\n' \
    "${lib:-libstdc++.so.6}" "$required" "$count" "$names" "$log" >&2
  exit 3
fi

say "installing libstdc++6 from Debian trixie (low pin priority)."
write_trixie_source "$sources_file" "$pin_file" "$SUDO"
$SUDO "$apt_get" update -qq || die "apt-get update failed (no network or no Debian mirror?); libstdc++6 from trixie is needed for $required."
$SUDO "$apt_get" install -y -qq -t trixie libstdc++6 >/dev/null || die "apt-get install -t trixie libstdc++6 failed; see the output above."

lib=$(find_libstdcxx)
has_required "$lib" || die "installed libstdc++6 from trixie but $lib still lacks $required."
say "libstdc++ ($lib) now has $required: native runtime ready (the changes are listed in $log)."
