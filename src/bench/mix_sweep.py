#!/usr/bin/env python3
"""sweep.py for blast's mixed traffic (-t mix: counters, timers, gauges and sets in turn).

../shared/bench/sweep.py offers counters only; this offers the mix at rising rates and checks the two
types whose totals a flush shows exactly: the counter counts and timer counts that reached the Graphite
capture must equal what blast put in the datagrams it sent.
Usage: mix_sweep.py --bench DIR --port P --capture FILE [--lines 25] [--seconds 4] [--wait 4] RATE...
Prints a line per rate, then max_lossless_lines_per_s=N (loss <= 0.1%)."""
import argparse, os, re, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--bench", required=True, help="the ../shared/bench directory (blast, count_graphite.py)")
ap.add_argument("--port", required=True)
ap.add_argument("--capture", required=True)
ap.add_argument("--lines", type=int, default=25)
ap.add_argument("--seconds", type=float, default=4)
ap.add_argument("--wait", type=float, default=4)
ap.add_argument("--keys", type=int, default=1000)
ap.add_argument("--max-loss", type=float, default=0.001)
ap.add_argument("rates", nargs="+", type=float)
a = ap.parse_args()

POOL = 4096  # blast cycles through this many pre-built datagrams; line i of the pool has type i % 4


def expected(packets, per):
    """Counter and timer lines in the first `packets` datagrams blast sends (pool datagram p holds lines
    per*p .. per*p+per-1; the types run c, ms, g, s by line number)."""
    counters = timers = 0
    for p in range(min(packets, POOL)):
        times = packets // POOL + (1 if p < packets % POOL else 0)
        first = per * p
        kinds = [(first + j) & 3 for j in range(per)]
        counters += times * kinds.count(0)
        timers += times * kinds.count(1)
    return counters, timers


def rcvbuf_errors():
    rows = [l.split() for l in open("/proc/net/snmp") if l.startswith("Udp:")]
    return int(rows[1][rows[0].index("RcvbufErrors")])


best = 0
for step, rate in enumerate(a.rates):
    prefix = f"mix{os.getpid()}s{step}"
    drops0 = rcvbuf_errors()
    if os.path.exists(a.capture):
        os.remove(a.capture)
    out = subprocess.run([os.path.join(a.bench, "blast"), "-p", a.port, "-n", str(int(rate * a.seconds)),
                          "-l", str(a.lines), "-k", str(a.keys), "-t", "mix", "-r", str(rate), "-x", prefix],
                         capture_output=True, text=True).stdout
    packets = int(re.search(r"sent_packets=(\d+)", out).group(1))
    sent = int(re.search(r"sent_lines=(\d+)", out).group(1))
    achieved = float(re.search(r"lines_per_s=(\d+)", out).group(1))
    time.sleep(a.wait)
    got = subprocess.run([sys.executable, os.path.join(a.bench, "count_graphite.py"), a.capture, prefix],
                         capture_output=True, text=True).stdout
    counters = float(re.search(r"counted_counters=(\d+)", got).group(1))
    timers = float(re.search(r"counted_timers=(\d+)", got).group(1))
    want_counters, want_timers = expected(packets, a.lines)
    loss = 1 - (counters + timers) / (want_counters + want_timers)
    print(f"rate={rate:.0f} achieved={achieved:.0f} sent={sent} counters={counters:.0f}/{want_counters} "
          f"timers={timers:.0f}/{want_timers} loss={loss*100:.3f}% kernel_rcvbuf_drops={rcvbuf_errors() - drops0}",
          flush=True)
    if loss <= a.max_loss and achieved >= 0.95 * rate:
        best = max(best, achieved)
print(f"max_lossless_lines_per_s={best:.0f} (loss <= {a.max_loss*100:g}%)")
