#!/usr/bin/env bash
# End-to-end throughput: gstatsd (payara/gstatsd) and, when npm can install it, Etsy statsd, driven over
# UDP with ../shared/bench at rising rates; prints the highest rate each takes with at most 0.1% loss,
# for 1-line and 25-line counter datagrams and (gstatsd) 25-line datagrams of mixed types, and first the
# load generator's own rates against the bare kernel receiver, to show it is not the limit.
# As root it raises net.core.rmem_max to 64 MiB (as the README advises for production) and gives gstatsd
# that receive buffer; GSTATSD_BENCH_RMEM=keep leaves the kernel's cap as it is.
# Usage: src/bench/e2e.sh            (GSTATSD_BENCH=path/to/shared/bench to override; ~15 minutes)
#   GSTATSD_BENCH_OPTS="..."  more payara/gstatsd options (e.g. --cluster NAME --members ...: a cluster member's ingest)
#   GSTATSD_BENCH_ETSY=skip   leaves Etsy statsd out (~6 minutes less)
#   GSTATSD_BENCH_CAPTURE_PORT=P  the Graphite capture's port (default: a free one)
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

rmem=$(cat /proc/sys/net/core/rmem_max)
if [ "${GSTATSD_BENCH_RMEM:-raise}" != keep ] && [ -w /proc/sys/net/core/rmem_max ] && [ "$rmem" -lt 67108864 ]; then
  echo 67108864 > /proc/sys/net/core/rmem_max
  echo "== net.core.rmem_max raised from $rmem to $(cat /proc/sys/net/core/rmem_max) for this run"
  trap 'cleanup; echo '"$rmem"' > /proc/sys/net/core/rmem_max' EXIT
fi
rmem=$(cat /proc/sys/net/core/rmem_max)
echo "== $(nproc) cores, $(java -version 2>&1 | sed -n 1p), net.core.rmem_max=$rmem"

echo "== load generator against the bare kernel receiver (sink), at the highest rates offered below"
for spec in "1 330000" "25 6000000" "25 8000000"; do
  set -- $spec
  port=$(free_port SOCK_DGRAM)
  "$bench/sink" -p "$port" > "$work/sink.txt" 2>&1 & sink=$!
  sleep 0.5
  echo "   $1-line at $2 lines/s: blast $("$bench/blast" -p "$port" -n $(($2 * 4)) -l "$1" -k 1000 -r "$2" | tail -1)"
  wait "$sink" || true
  echo "   sink received: $(tail -1 "$work/sink.txt")"
done

sweep() {   # name udp_port capture 25-line-rates 1-line-rates
  echo "== $1: 25-line datagrams"
  python3 "$bench/sweep.py" --port "$2" --capture "$3" --lines 25 --wait 4 $4
  echo "== $1: 1-line datagrams"
  python3 "$bench/sweep.py" --port "$2" --capture "$3" --lines 1 --wait 4 $5
}

capture_port=${GSTATSD_BENCH_CAPTURE_PORT:-$(free_port SOCK_STREAM)}   # fixed: other cluster members flush there too
python3 "$bench/graphite_capture.py" "$capture_port" "$work/capture.txt" & pids+=($!)

udp=$(free_port SOCK_DGRAM)
# shellcheck disable=SC2086
# a state directory of its own, emptied: keys another run left in target/state would count against max-keys
rm -rf "$work/state"
payara/gstatsd -b "127.0.0.1:$udp" -s "127.0.0.1:$capture_port" -f 1 -Dgstatsd.delete-idle=true \
  -Dgstatsd.state-dir="$work/state" -Dgstatsd.receive-buffer-bytes="$((rmem > 8388608 ? rmem : 8388608))" ${GSTATSD_BENCH_OPTS:-} > "$work/gstatsd.log" 2>&1 & pids+=($!)
until grep -q " ready in " "$work/gstatsd.log"; do sleep 0.5; done
grep -o "receiving statsd on UDP.*" "$work/gstatsd.log" | sed 's/^/   /'
sweep gstatsd "$udp" "$work/capture.txt" "2000000 4000000 5000000 6000000 7000000 8000000" \
  "150000 200000 250000 300000 330000"
echo "== gstatsd: 25-line datagrams, mixed counters, timers, gauges and sets"
python3 src/bench/mix_sweep.py --bench "$bench" --port "$udp" --capture "$work/capture.txt" \
  2000000 3000000 4000000 5000000 6000000
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

etsy="$repo/target/etsy"
if [ ! -f "$etsy/node_modules/statsd/stats.js" ] && command -v npm >/dev/null; then
  npm install --silent --prefix "$etsy" statsd >/dev/null 2>&1 || true
fi
if [ "${GSTATSD_BENCH_ETSY:-}" = skip ]; then
  echo "== Etsy statsd: skipped (GSTATSD_BENCH_ETSY=skip)"
elif [ -f "$etsy/node_modules/statsd/stats.js" ]; then
  udp=$(free_port SOCK_DGRAM)
  cat > "$work/etsy-config.js" <<CONFIG
{ port: $udp, address: "127.0.0.1", flushInterval: 1000, deleteIdleStats: true,
  graphiteHost: "127.0.0.1", graphitePort: $capture_port, backends: ["./backends/graphite"] }
CONFIG
  (cd "$etsy/node_modules/statsd" && exec node stats.js "$work/etsy-config.js") > "$work/etsy.log" 2>&1 & pids+=($!)
  sleep 2
  sweep "Etsy statsd $(node -p "require('$etsy/node_modules/statsd/package.json').version")" "$udp" "$work/capture.txt" \
    "200000 400000 600000 800000 1000000 1500000" "25000 50000 75000 100000 150000"
else
  echo "== Etsy statsd: not installed (npm install --prefix target/etsy statsd failed); skipped"
fi
