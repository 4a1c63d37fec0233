#!/usr/bin/env python3
"""A big flush under load: while blast offers counters at a steady rate, this sends 1,000,000 distinct
counters and 100,000 timers of 10 samples each, so that the flushes after it carry them all, then checks
from the Graphite capture that every line of both arrived and prints how long the big flushes took
(statsd.processing_time: the merge; graphiteStats.flush_time: formatting and sending).

Start gstatsd with a flush interval long enough to take the whole burst (-f 10) and a sink on
graphite_capture.py, then:
Usage: flush_under_load.py --bench DIR --port P --capture FILE [--rate 2000000] [--seconds 16]"""
import argparse, os, re, socket, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--bench", required=True)
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--capture", required=True)
ap.add_argument("--rate", type=int, default=2_000_000, help="blast's counter lines/s during the test")
ap.add_argument("--seconds", type=float, default=16)
ap.add_argument("--burst-rate", type=int, default=300_000, help="lines/s of the 2,000,000-line burst of new keys")
ap.add_argument("--wait", type=float, default=8, help="seconds for the last flushes to reach the capture")
a = ap.parse_args()

COUNTERS, TIMERS, SAMPLES, PER_DATAGRAM = 1_000_000, 100_000, 10, 25
blast_prefix = f"ful{os.getpid()}"
keys_prefix = f"flk{os.getpid()}"
if os.path.exists(a.capture):
    os.remove(a.capture)

blast = subprocess.Popen([os.path.join(a.bench, "blast"), "-p", str(a.port), "-n", str(int(a.rate * a.seconds)),
                          "-l", "25", "-k", "1000", "-r", str(a.rate), "-x", blast_prefix],
                         stdout=subprocess.PIPE, text=True)
time.sleep(2)


def lines():
    for i in range(COUNTERS):
        yield f"{keys_prefix}.c.{i}:1|c"
    for sample in range(SAMPLES):
        for i in range(TIMERS):
            yield f"{keys_prefix}.t.{i}:{sample + 1}|ms"


sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.connect(("127.0.0.1", a.port))
started = time.time()
batch = []
sent_datagrams = 0
for line in lines():
    batch.append(line)
    if len(batch) == PER_DATAGRAM:
        sock.send("\n".join(batch).encode())
        batch.clear()
        sent_datagrams += 1
        if sent_datagrams % 200 == 0:
            time.sleep(max(0.0, started + sent_datagrams * PER_DATAGRAM / a.burst_rate - time.time()))
if batch:
    sock.send("\n".join(batch).encode())
print(f"sent {COUNTERS} distinct counters and {TIMERS} timers x {SAMPLES} samples in "
      f"{time.time() - started:.1f} s", flush=True)

blast_out = blast.communicate()[0]
sent = int(re.search(r"sent_lines=(\d+)", blast_out).group(1))
time.sleep(a.wait)

counter_sum = timer_count = 0.0
processing, flush_time, flush_length = [], [], []
counter_re = re.compile(r"^stats_counts\.%s\.c\.\d+ " % keys_prefix)
timer_re = re.compile(r"^stats\.timers\.%s\.t\.\d+\.count " % keys_prefix)
for line in open(a.capture, errors="replace"):
    if counter_re.match(line):
        counter_sum += float(line.split()[1])
    elif timer_re.match(line):
        timer_count += float(line.split()[1])
    elif line.startswith(("statsd.processing_time ", "stats.statsd.processing_time ")):
        processing.append(float(line.split()[1]))
    elif ".graphiteStats.flush_time " in line:
        flush_time.append(float(line.split()[1]))
    elif ".graphiteStats.flush_length " in line:
        flush_length.append(float(line.split()[1]))
got = subprocess.run([sys.executable, os.path.join(a.bench, "count_graphite.py"), a.capture, blast_prefix],
                     capture_output=True, text=True).stdout
blast_counted = float(re.search(r"counted_counters=(\d+)", got).group(1))

print(f"blast: sent={sent} counted={blast_counted:.0f} loss={(1 - blast_counted / sent) * 100:.3f}%")
print(f"burst: counters={counter_sum:.0f}/{COUNTERS} timer samples={timer_count:.0f}/{TIMERS * SAMPLES}")
print(f"flushes: {len(processing)}; largest merge (processing_time) {max(processing, default=0):.0f} ms; "
      f"largest flush_time {max(flush_time, default=0):.0f} ms for flush_length {max(flush_length, default=0):.0f} bytes")
ok = blast_counted == sent and counter_sum == COUNTERS and timer_count == TIMERS * SAMPLES
print("nothing lost" if ok else "LOSS")
sys.exit(0 if ok else 1)
