#!/usr/bin/env bash
# JMH benchmarks of the hot path, outside Payara. Examples:
#   src/bench/jmh.sh ParseAggregateBenchmark -prof gc      # lines/s per core and bytes allocated per line
#   src/bench/jmh.sh FlushBenchmark                          # one flush of 1M counters + 100k timers
#   src/bench/jmh.sh FirstSightingBenchmark                  # ns per never-seen key over 10k, 100k, 1M live keys
#   src/bench/jmh.sh -h                                      # JMH's own options
# And the heap held per counter key: src/bench/jmh.sh --heap-per-key [keys]
# Key churn (heap and first-sighting cost as keys come and go): src/bench/jmh.sh --key-churn [live] [intervals]
# Cluster mode's cost per interval (split, encode, decode, merge; bytes shipped): src/bench/jmh.sh --shipping-cost [keys...]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
if [ "${1:-}" = "--heap-per-key" ]; then
  shift
  exec java -Xmx2g -cp "$classpath" io.gstatsd.bench.HeapPerKey "$@"
fi
if [ "${1:-}" = "--key-churn" ]; then
  shift
  exec java -Xmx3g -cp "$classpath" io.gstatsd.bench.KeyChurn "$@"
fi
if [ "${1:-}" = "--shipping-cost" ]; then
  shift
  exec java -Xmx6g -cp "$classpath" io.gstatsd.cluster.control.ShippingCost "$@"
fi
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
