# Helpers shared by jpackage.sh, smoke.sh and startup.sh: run the launchers of an app-image.
# Source it; IMAGE is the app-image folder (its bin/ holds kmb-studio, kmbctl and kmbd).

# The flags that let KMB Studio run with no display (JavaFX's headless glass, software rendering).
HEADLESS_FX="-Dglass.platform=Headless -Dprism.order=sw"

# kmbd_start IMAGE DATA LOG: starts kmbd on a free port and waits for the URL it prints.
# Sets KMBD_PID and KMBD_URL.
kmbd_start() {
  local image=$1 data=$2 log=$3
  "$image/bin/kmbd" --port 0 --data "$data" > "$log" 2>&1 &
  KMBD_PID=$!
  KMBD_URL=""
  for _ in $(seq 1 1200); do
    KMBD_URL=$(sed -n 's/^kmbd listening on \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$KMBD_URL" ] && return 0
    kill -0 "$KMBD_PID" 2> /dev/null || break
    sleep 0.05
  done
  echo "kmbd did not start:" >&2
  cat "$log" >&2
  return 1
}

# healthz_wait URL: polls URL/healthz until it answers 200, for at most a minute.
healthz_wait() {
  for _ in $(seq 1 1200); do
    curl -fsS -o /dev/null "$1/healthz" 2> /dev/null && return 0
    sleep 0.05
  done
  echo "no answer from $1/healthz" >&2
  return 1
}

# kmbd_stop: SIGTERM, as a service manager would, and waits for kmbd to close its store and exit.
kmbd_stop() {
  kill -TERM "$KMBD_PID" 2> /dev/null || true
  wait "$KMBD_PID" || true
}
