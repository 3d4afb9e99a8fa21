#!/usr/bin/env bash
# Installs the .deb on this machine for real and checks what a user gets: kmb-studio, kmbctl and
# kmbd on PATH through /usr/bin links (run from a fresh shell with the system's PATH), the links kept
# through a reinstall, a /usr/bin file of someone else's left alone, and nothing of the package left
# after dpkg -r and dpkg -P. It changes the machine while it runs, so it needs root, refuses to run
# where kmb-studio is installed already, and purges the package whatever happens (docs/packaging.md).
# Usage: deb-check.sh [DEB]   (default: packaging/target/installers/kmb-studio_*_amd64.deb)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { echo "deb-check: $* (${SECONDS}s)"; }
fail() { echo "deb-check: $*" >&2; exit 1; }
launchers=(kmb-studio kmbctl kmbd)
install_dir=/opt/kmb-studio

if ! command -v dpkg > /dev/null; then
  say "no dpkg on this system: skipped"
  exit 0
fi
[ "$(id -u)" = 0 ] || fail "needs root: it installs the package with dpkg -i"
deb=${1:-$(ls "$here"/target/installers/kmb-studio_*_amd64.deb 2> /dev/null | head -n 1 || true)}
[ -f "$deb" ] || fail "no .deb: build it with ./mvnw -B -Ppackage package -DskipTests, or pass its path"

package_state() { dpkg-query -W -f='${db:Status-Status}' kmb-studio 2> /dev/null || true; }
state=$(package_state)
if [ -n "$state" ] && [ "$state" != not-installed ]; then
  fail "kmb-studio is on this machine already ($state): remove it first (dpkg -P kmb-studio)"
fi
[ ! -e "$install_dir" ] || fail "$install_dir exists: the check would install over it"
for launcher in "${launchers[@]}"; do
  if [ -e "/usr/bin/$launcher" ] || [ -L "/usr/bin/$launcher" ]; then
    fail "/usr/bin/$launcher exists: the check needs it absent"
  fi
done
missing=()
for dependency in $(dpkg-deb -f "$deb" Depends | tr ',' ' '); do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$dependency" 2> /dev/null)" != installed ]; then
    missing+=("$dependency")
  fi
done
[ ${#missing[@]} = 0 ] || fail "the .deb depends on packages not installed here: apt-get install --no-install-recommends ${missing[*]}"

work=$(mktemp -d)
foreign=""
cleanup() {
  if [ -n "$(package_state)" ] && [ "$(package_state)" != not-installed ]; then
    dpkg -P kmb-studio > "$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; echo "deb-check: could not purge kmb-studio" >&2; }
  fi
  if [ -n "$foreign" ]; then
    rm -f "$foreign"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# dpkg_run ARGS...: dpkg, its output in $work/dpkg.log, shown if it fails.
dpkg_run() {
  if ! dpkg "$@" > "$work/dpkg.log" 2>&1; then
    cat "$work/dpkg.log" >&2
    fail "dpkg $* failed"
  fi
}

# from_path COMMAND EXPECTED: runs COMMAND in a fresh shell that has only the system's PATH (no
# /opt/kmb-studio/bin) and a scratch HOME, and checks that the first line it prints starts with
# EXPECTED and that it writes nothing to stderr (the JVM would log there, and on stdout, if a
# launcher could not use its AOT cache).
from_path() {
  local command=$1 expected=$2 out
  out=$(env -i HOME="$work/home" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash --noprofile --norc -c "$command" 2> "$work/stderr") || { cat "$work/stderr" >&2; fail "'$command' failed"; }
  case "$(head -n 1 <<< "$out")" in
    "$expected"*) ;;
    *) fail "'$command' printed '$out', not '$expected...' first" ;;
  esac
  if [ -s "$work/stderr" ]; then
    cat "$work/stderr" >&2
    fail "'$command' wrote the above to stderr"
  fi
  say "'$command' from PATH: $(head -n 1 <<< "$out")"
}

links_point_home() {
  for launcher in "${launchers[@]}"; do
    [ "$(readlink "/usr/bin/$launcher")" = "$install_dir/bin/$launcher" ] \
      || fail "/usr/bin/$launcher is not a link to $install_dir/bin/$launcher"
  done
}

nothing_left() {
  for launcher in "${launchers[@]}"; do
    if [ -e "/usr/bin/$launcher" ] || [ -L "/usr/bin/$launcher" ]; then
      fail "/usr/bin/$launcher is still there after dpkg $1"
    fi
  done
  [ ! -e "$install_dir" ] || fail "$install_dir is still there after dpkg $1"
}

say "installing $deb"
dpkg_run -i "$deb"
links_point_home
from_path "command -v kmbctl kmbd kmb-studio | tr '\n' ' '" "/usr/bin/kmbctl /usr/bin/kmbd /usr/bin/kmb-studio"
from_path "kmbctl --version" "kmbctl "
from_path "kmbd --help" "Usage: kmbd"
from_path "kmb-studio --version" "KMB Studio "
dpkg_run -i "$deb"
links_point_home
say "reinstalled over itself (prerm upgrade, postinst configure): the links are still there"
dpkg_run -r kmb-studio
nothing_left -r
[ "$(package_state)" = config-files ] || fail "after dpkg -r the package is $(package_state), not config-files"
dpkg_run -P kmb-studio
nothing_left -P
[ -z "$(package_state)" ] || [ "$(package_state)" = not-installed ] || fail "after dpkg -P the package is $(package_state)"
say "dpkg -r took the links and $install_dir away, dpkg -P the rest"

foreign=/usr/bin/kmbd
printf '#!/bin/sh\necho "not the kmbd of kmb-studio"\n' > "$foreign"
chmod 755 "$foreign"
cp "$foreign" "$work/foreign"
dpkg_run -i "$deb"
grep -q "kmb-studio: /usr/bin/kmbd exists and is not a link to $install_dir/bin/kmbd" "$work/dpkg.log" \
  || { cat "$work/dpkg.log" >&2; fail "dpkg -i did not say it left /usr/bin/kmbd alone"; }
cmp -s "$foreign" "$work/foreign" || fail "dpkg -i changed /usr/bin/kmbd, which is not ours"
from_path "kmbd" "not the kmbd of kmb-studio"
from_path "kmbctl --version" "kmbctl "
dpkg_run -P kmb-studio
cmp -s "$foreign" "$work/foreign" || fail "dpkg -P changed or removed /usr/bin/kmbd, which is not ours"
[ ! -L /usr/bin/kmbctl ] || fail "/usr/bin/kmbctl is still there after dpkg -P"
say "a /usr/bin/kmbd of someone else's was left alone through install and purge, and said so"
