#!/usr/bin/env bash
# End-to-end throughput: gstatsd (payara/gstatsd) and, when npm can install it, Etsy statsd, driven over
# UDP with ../shared/bench at rising rates; prints the highest rate each takes with at most 0.1% loss,
# for 1-line and 25-line datagrams, and the load generator's own rate against the bare kernel receiver.
# Usage: src/bench/e2e.sh            (GSTATSD_BENCH=path/to/shared/bench to override; ~10 minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
bench="${GSTATSD_BENCH:-$repo/../shared/bench}"
work="$repo/target/e2e-bench"
mkdir -p "$work"
make -s -C "$bench"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c "import socket,sys; s=socket.socket(socket.AF_INET, getattr(socket, sys.argv[1])); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])" "$1"; }

echo "== load generator against the bare kernel receiver (sink)"
for lines in 1 25; do
  port=$(free_port SOCK_DGRAM)
  "$bench/sink" -p "$port" > "$work/sink.txt" 2>&1 & sink=$!
  sleep 0.5
  "$bench/blast" -p "$port" -n $((lines == 1 ? 2000000 : 40000000)) -l "$lines" -k 1000 -r 0 | tail -1
  wait "$sink" || true
  echo "   sink received: $(tail -1 "$work/sink.txt")"
done

sweep() {   # name udp_port capture
  echo "== $1: 25-line datagrams"
  python3 "$bench/sweep.py" --port "$2" --capture "$3" --lines 25 --wait 4 \
    1000000 2000000 3000000 4000000 5000000 6000000 | tail -1
  echo "== $1: 1-line datagrams"
  python3 "$bench/sweep.py" --port "$2" --capture "$3" --lines 1 --wait 4 \
    100000 150000 200000 250000 300000 330000 | tail -1
}

capture_port=$(free_port SOCK_STREAM)
python3 "$bench/graphite_capture.py" "$capture_port" "$work/capture.txt" & pids+=($!)

udp=$(free_port SOCK_DGRAM)
payara/gstatsd -b "127.0.0.1:$udp" -s "127.0.0.1:$capture_port" -f 1 -Dgstatsd.delete-idle=true \
  > "$work/gstatsd.log" 2>&1 & pids+=($!)
until grep -q " ready in " "$work/gstatsd.log"; do sleep 0.5; done
sweep gstatsd "$udp" "$work/capture.txt"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

etsy="$repo/target/etsy"
if [ ! -f "$etsy/node_modules/statsd/stats.js" ] && command -v npm >/dev/null; then
  npm install --silent --prefix "$etsy" statsd >/dev/null 2>&1 || true
fi
if [ -f "$etsy/node_modules/statsd/stats.js" ]; then
  udp=$(free_port SOCK_DGRAM)
  cat > "$work/etsy-config.js" <<CONFIG
{ port: $udp, address: "127.0.0.1", flushInterval: 1000, deleteIdleStats: true,
  graphiteHost: "127.0.0.1", graphitePort: $capture_port, backends: ["./backends/graphite"] }
CONFIG
  (cd "$etsy/node_modules/statsd" && exec node stats.js "$work/etsy-config.js") > "$work/etsy.log" 2>&1 & pids+=($!)
  sleep 2
  sweep "Etsy statsd $(node -p "require('$etsy/node_modules/statsd/package.json').version")" "$udp" "$work/capture.txt"
else
  echo "== Etsy statsd: not installed (npm install --prefix target/etsy statsd failed); skipped"
fi
