#!/usr/bin/env bash
# Builds bench/target/kmb-bench.jar and runs KMB's benchmarks beside their peers, with settings
# short enough for a 2-core machine (about 14 minutes in all), then prints the machine, every
# figure and the ratios as Markdown: docs/benchmarks.md is written from this output.
#
#   bench/run.sh                      everything
#   bench/run.sh inprocess latency    some of: inprocess, durable, latency, network, sharedbus
#
# network and sharedbus need the local servers (NATS 4222, Redis 6379, Mosquitto 1883, PostgreSQL
# 5432 on 127.0.0.1); a peer whose server is down is skipped with a line in the table saying so.
#
# Environment: FORKS, WARMUP_ITERATIONS, WARMUP_TIME, ITERATIONS, ITERATION_TIME (JMH's -f -wi -w
# -i -r), DURABLE_THREADS (publisher counts, default "1 16 64"), LATENCY_RATE (msg/s), ROUNDS
# (default 1: run the JMH suites that many times, one after the other, and report medians; on a
# machine shared with other work, 3 rounds tell a lasting difference from a busy minute),
# SKIP_BUILD=1 to reuse the jar. Results land in bench/target/results.
# network: NET_SUBSCRIBERS ("1,10"), NET_BATCH (5000), NET_ROUNDS (3), NET_ROUND_SECONDS (2),
# NET_RATE (latency msg/s, 200), NET_LATENCY_SECONDS (4).
# sharedbus: SHARED_PUBLISHERS ("1,16"), SHARED_ROUNDS (2), SHARED_SECONDS (2), SHARED_E2E_PUBLISHERS
# (16), SHARED_RATE (latency msg/s, 500), SHARED_LATENCY_SECONDS (4).
set -euo pipefail
cd "$(dirname "$0")/.."

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR=bench/target/kmb-bench.jar
OUT=bench/target/results
# Durable data on the project's own disk: an fsync figure belongs to a disk, and /tmp may be memory.
DATA=bench/target/data
FORKS="${FORKS:-1}"
# KMB's path takes longer to compile than a bare queue: three warm-up rounds, not two.
WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-3}"
WARMUP_TIME="${WARMUP_TIME:-2s}"
ITERATIONS="${ITERATIONS:-3}"
ITERATION_TIME="${ITERATION_TIME:-3s}"
DURABLE_THREADS="${DURABLE_THREADS:-1 16 64}"
LATENCY_RATE="${LATENCY_RATE:-10000}"
ROUNDS="${ROUNDS:-1}"
NETWORK_PROPS=(-Dkmb.net.subscribers="${NET_SUBSCRIBERS:-1,10}" -Dkmb.net.batch="${NET_BATCH:-5000}"
  -Dkmb.net.rounds="${NET_ROUNDS:-3}" -Dkmb.net.round="${NET_ROUND_SECONDS:-2}" -Dkmb.net.rate="${NET_RATE:-200}"
  -Dkmb.net.latency.seconds="${NET_LATENCY_SECONDS:-4}")
SHARED_PROPS=(-Dkmb.shared.publishers="${SHARED_PUBLISHERS:-1,16}" -Dkmb.shared.rounds="${SHARED_ROUNDS:-2}"
  -Dkmb.shared.seconds="${SHARED_SECONDS:-2}" -Dkmb.shared.e2e.publishers="${SHARED_E2E_PUBLISHERS:-16}"
  -Dkmb.shared.rate="${SHARED_RATE:-500}" -Dkmb.shared.latency.seconds="${SHARED_LATENCY_SECONDS:-4}")
SUITES=("$@")
[[ ${#SUITES[@]} -gt 0 ]] || SUITES=(inprocess durable latency network sharedbus)

wants() {
  local suite
  for suite in "${SUITES[@]}"; do [[ "$suite" == "$1" ]] && return 0; done
  return 1
}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -pl bench -am package -DskipTests
fi
rm -rf "$OUT" "$DATA"
mkdir -p "$OUT" "$DATA"

# Other work on the machine shows up in every figure: say how busy it was around each suite.
load() { echo "load average before $1: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >> "$OUT/load.txt"; }

jmh() {
  local name="$1"; shift
  echo "running $name (log: $OUT/$name.log)" >&2
  load "$name"
  "$JAVA" -Dkmb.bench.dir="$DATA" -jar "$JAR" "$@" \
    -f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME" \
    -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1
}

for round in $(seq 1 "$ROUNDS"); do
  if wants inprocess; then
    jmh "inprocess-r$round" 'ai\.kind\.kmb\.bench\.inprocess\.' -t 1
  fi
  if wants durable; then
    for threads in $DURABLE_THREADS; do
      jmh "durable-t$(printf '%03d' "$threads")-r$round" 'ai\.kind\.kmb\.bench\.durable\.' -t "$threads"
    done
  fi
done
if wants latency; then
  echo "running latency (log: $OUT/latency.log)" >&2
  load latency
  "$JAVA" -Dkmb.latency.rate="$LATENCY_RATE" -cp "$JAR" ai.kind.kmb.bench.inprocess.LatencyMain \
    > "$OUT/latency.log" 2>&1
fi
# The network and shared-bus suites are plain programs (their figures end on subscriber threads,
# which JMH does not time) that print their own Markdown tables.
main_suite() {
  local name="$1" class="$2"; shift 2
  echo "running $name (log: $OUT/$name.log)" >&2
  load "$name"
  "$JAVA" -Dkmb.bench.dir="$DATA" "$@" -cp "$JAR" "$class" > "$OUT/$name.md" 2> "$OUT/$name.log"
}
if wants network; then
  main_suite network ai.kind.kmb.bench.network.NetworkMain "${NETWORK_PROPS[@]}"
fi
if wants sharedbus; then
  main_suite sharedbus ai.kind.kmb.bench.sharedbus.SharedBusMain "${SHARED_PROPS[@]}"
fi
load "the table"

# The floor under every durable figure: how many synchronous 4 KiB writes the data disk takes.
SYNC_WRITES=200
sync_seconds=$(dd if=/dev/zero of="$DATA/fsync-probe" bs=4k count=$SYNC_WRITES oflag=dsync 2>&1 \
  | awk '/copied/ {print $(NF-3)}')
rm -f "$DATA/fsync-probe"

{
  echo "## Machine"
  echo
  echo "- cores: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- memory: $(free -h | awk '/^Mem:/ {print $2}'); disk under the project: $(df -h . | awk 'NR==2 {print $1", "$2}')"
  echo "- synchronous 4 KiB writes on that disk (dd oflag=dsync): $(awk -v n=$SYNC_WRITES -v s="$sync_seconds" \
    'BEGIN {printf "%.0f per second", n / s}')"
  echo "- JDK: $("$JAVA" -version 2>&1 | head -1)"
  echo "- JMH: -f $FORKS -wi $WARMUP_ITERATIONS -w $WARMUP_TIME -i $ITERATIONS -r $ITERATION_TIME; rounds: $ROUNDS"
  sed 's/^/- /' "$OUT/load.txt"
  shopt -s nullglob
  results=("$OUT"/*.json)
  if [[ ${#results[@]} -gt 0 ]]; then
    "$JAVA" -cp "$JAR" ai.kind.kmb.bench.RatioTable "${results[@]}"
  fi
  if compgen -G "$OUT/durable-*.log" > /dev/null; then
    echo
    echo "### Durable publish: SQLite group commit (warm-up included), and cost per message while measured"
    echo
    for log in "$OUT"/durable-*.log; do
      grep -h '^kmb-sqlite group commit\|^durable footprint' "$log" | sed "s/^/- $(basename "$log" .log): /"
    done
  fi
  if [[ -f "$OUT/latency.log" ]]; then
    grep -v '^WARNING' "$OUT/latency.log"
  fi
  for suite in network sharedbus; do
    if [[ -f "$OUT/$suite.md" ]]; then
      cat "$OUT/$suite.md"
    fi
  done
} | tee "$OUT/table.md"
