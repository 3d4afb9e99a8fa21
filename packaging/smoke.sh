#!/usr/bin/env bash
# Runs the launchers of a built app-image on its own jlinked runtime (not through Maven): what CI
# checks once the tests pass. kmbctl prints its version, kmbd serves /healthz on a free port and
# stops on SIGTERM, and KMB Studio renders every view to PNG with no display.
# Usage: smoke.sh [IMAGE]   (default: packaging/target/app-image/kmb-studio)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${1:-$here/target/app-image/kmb-studio}
source "$here/lib.sh"
work=$(mktemp -d)
trap 'if [ -n "${KMBD_PID:-}" ]; then kill "$KMBD_PID" 2> /dev/null || true; fi; rm -rf "$work"' EXIT

echo "smoke: $("$image/bin/kmbctl" --version) (kmbctl --version)"

kmbd_start "$image" "$work/kmbd" "$work/kmbd.log"
healthz_wait "$KMBD_URL"
echo "smoke: kmbd serves $KMBD_URL/healthz: $(curl -fsS "$KMBD_URL/healthz")"
"$image/bin/kmbctl" --url "$KMBD_URL" publish smoke.ping '{"from":"smoke.sh"}' > /dev/null
kmbd_stop
KMBD_PID=""

if ! JAVA_TOOL_OPTIONS="$HEADLESS_FX" "$image/bin/kmb-studio" --port 0 --screenshot "$work/shots" \
    > "$work/studio.log" 2>&1; then
  cat "$work/studio.log" >&2
  exit 1
fi
# The whole set: eleven views and three extra shots (connect-embedded, inspector truncated and diff),
# light and dark, as app's ScreenshotsTest lists them. A blank shot (under 10 KB) does not count.
expected_shots=28
shots=$(find "$work/shots" -name '*.png' -size +10k | wc -l)
if [ "$shots" -lt "$expected_shots" ]; then
  echo "smoke: kmb-studio --screenshot wrote $shots PNGs over 10 KB, expected $expected_shots" >&2
  exit 1
fi
echo "smoke: kmb-studio --screenshot wrote $shots PNGs"
