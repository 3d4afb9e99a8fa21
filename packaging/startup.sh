#!/usr/bin/env bash
# Cold start of the app-image's launchers, with and without class-data sharing (docs/benchmarks.md,
# "Start-up"). Wall-clock milliseconds from the fork of the launcher to:
#   kmbctl       the end of `kmbctl --version`
#   kmbd         the first 200 from GET /healthz (polled every 10 ms)
#   studio-bus   KMB Studio printing that its embedded broker listens
#   studio-frame KMB Studio's first frame laid out (headless; -Dkmb.studio.startup-probe=exit)
# Variants: off (-Xshare:off, no CDS), jdk (the JDK's default CDS archive only), appcds (a dynamic
# AppCDS archive, -XX:+AutoCreateSharedArchive, made by an untimed first run) and aot (the AOT cache
# the image ships, JDK 25's successor of AppCDS). Runs are interleaved; the median is printed.
# Usage: startup.sh [RUNS] [IMAGE]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${1:-5}
source_image=${2:-$here/target/app-image/kmb-studio}
source "$here/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy whose launchers name no archive of their own, so each variant chooses.
cp -a "$source_image" "$work/image"
image=$work/image
sed -i '/-XX:AOTCache=/d' "$image"/lib/app/*.cfg

flags() { # flags VARIANT LAUNCHER
  case $1 in
    off) echo "-Xshare:off" ;;
    jdk) echo "" ;;
    appcds) echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$work/$2.jsa" ;;
    aot) echo "-XX:AOTCache=$source_image/lib/app/$2.aot" ;;
  esac
}
now() { date +%s%N; }
# stamp LOG: writes each line of standard input to LOG, prefixed with the time it arrived.
stamp() { while IFS= read -r line; do echo "$(now) $line"; done > "$1"; }

kmbctl_run() {
  local start; start=$(now)
  JAVA_TOOL_OPTIONS="$(flags "$1" kmbctl)" "$image/bin/kmbctl" --version > /dev/null 2>&1
  echo $(( ($(now) - start) / 1000000 ))
}
kmbd_run() {
  local start port=$((20000 + RANDOM % 20000)) pid
  rm -rf "$work/kmbd"
  start=$(now)
  JAVA_TOOL_OPTIONS="$(flags "$1" kmbd)" "$image/bin/kmbd" --port "$port" --data "$work/kmbd" > /dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" 2> /dev/null; do sleep 0.01; done
  echo $(( ($(now) - start) / 1000000 ))
  kill -TERM "$pid" 2> /dev/null || true
  wait "$pid" || true
}
studio_run() { # prints "BUS FRAME"
  local start
  rm -rf "$work/studio" "$work/config"
  start=$(now)
  JAVA_TOOL_OPTIONS="$HEADLESS_FX -Dkmb.studio.startup-probe=exit $(flags "$1" kmb-studio)" \
    "$image/bin/kmb-studio" --port 0 --data "$work/studio" --config "$work/config" 2> /dev/null | stamp "$work/studio.log" || true
  local bus frame
  bus=$(grep -m1 'embedded broker listening' "$work/studio.log" | cut -d' ' -f1 || true)
  frame=$(grep -m1 'first frame' "$work/studio.log" | cut -d' ' -f1 || true)
  # A run that did not get there counts as failed, not as a time.
  echo "$(elapsed_ms "$start" "$bus") $(elapsed_ms "$start" "$frame")"
}
elapsed_ms() { # elapsed_ms START_NS END_NS: milliseconds between them, or "failed" without an end
  if [ -n "$2" ]; then echo $(( ($2 - $1) / 1000000 )); else echo failed; fi
}
median() { tr ' ' '\n' | grep -E '^[0-9]+$' | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "-")}'; }

variants=(off jdk appcds aot)
# The dynamic archives are written by a first, untimed run.
kmbctl_run appcds > /dev/null; kmbd_run appcds > /dev/null; studio_run appcds > /dev/null
declare -A results
for _ in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    results[kmbctl.$variant]+=" $(kmbctl_run "$variant")"
    results[kmbd.$variant]+=" $(kmbd_run "$variant")"
    read -r bus frame < <(studio_run "$variant")
    results[studio-bus.$variant]+=" $bus"
    results[studio-frame.$variant]+=" $frame"
  done
done

echo "median of $runs cold starts, ms (load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
printf '%-14s' "measure"; printf '%10s' "${variants[@]}"; echo
for measure in kmbctl kmbd studio-bus studio-frame; do
  printf '%-14s' "$measure"
  for variant in "${variants[@]}"; do
    printf '%10s' "$(echo ${results[$measure.$variant]} | median)"
  done
  echo
done
