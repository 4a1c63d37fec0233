#!/usr/bin/env python3
"""A big flush under load. Starts payara/gstatsd (flush every 10 s) with a raw Graphite capture and offers
blast's counters at a steady rate for five intervals. Inside the first interval it sends a burst of
1,000,000 distinct counters and 100,000 timers of 10 samples each (keys the server has never seen), and
the same burst again in the third interval, when the keys are known: the flush that ends the third
interval is the issue's "1,000,000 counters and 100,000 timers of 10 samples" flush. Then it checks from
the capture that every line of blast and of both bursts arrived, and prints per interval the kernel's
drops and how long the flushes took (statsd.processing_time: the merge; graphiteStats.flush_time: the
sending; graphiteStats.calculationtime: the formatting).

The bursts' datagrams are built before the clock starts and the capture only appends raw bytes, so the
Python side costs little CPU while the server is measured; the capture is parsed afterwards.
Usage: src/bench/flush_under_load.py [--bench ../shared/bench] [--rate 2000000] [--burst-rate 500000]
       [--buffer-bytes 67108864]   (as root it raises net.core.rmem_max to that for the run)"""
import argparse, os, re, shutil, signal, socket, subprocess, sys, threading, time

repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap = argparse.ArgumentParser()
ap.add_argument("--bench", default=os.path.join(os.path.dirname(repo), "shared", "bench"))
ap.add_argument("--rate", type=int, default=2_000_000, help="blast's counter lines/s during the test")
ap.add_argument("--burst-rate", type=int, default=500_000, help="lines/s of the burst of new keys")
ap.add_argument("--buffer-bytes", type=int, default=64 << 20)
ap.add_argument("--interval", type=int, default=10)
a = ap.parse_args()

COUNTERS, TIMERS, SAMPLES, PER_DATAGRAM = 1_000_000, 100_000, 10, 25
work = os.path.join(repo, "target", "flush-under-load")
os.makedirs(work, exist_ok=True)
subprocess.run(["make", "-s", "-C", a.bench], check=True)


def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


rmem_path = "/proc/sys/net/core/rmem_max"
rmem_before = int(open(rmem_path).read())
# a SIGTERM must run the finally below too, which stops the server and puts rmem_max back
signal.signal(signal.SIGTERM, lambda *_: sys.exit("flush_under_load: terminated"))
if rmem_before < a.buffer_bytes and os.access(rmem_path, os.W_OK):
    open(rmem_path, "w").write(str(a.buffer_bytes))

# the capture: one thread per connection appending raw bytes, parsed after the run
capture_path = os.path.join(work, "capture.txt")
capture_file = open(capture_path, "wb")
listener = socket.socket()
listener.bind(("127.0.0.1", free_port(socket.SOCK_STREAM)))
listener.listen(8)
lock = threading.Lock()


def drain(conn):
    with conn:
        while chunk := conn.recv(1 << 20):
            with lock:
                capture_file.write(chunk)


def accept():
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=drain, args=(conn,), daemon=True).start()


threading.Thread(target=accept, daemon=True).start()

udp = free_port(socket.SOCK_DGRAM)
log = open(os.path.join(work, "gstatsd.log"), "w")
# a state directory of its own, emptied: the million keys of the last run would be restored and flushed again
state = os.path.join(work, "state")
shutil.rmtree(state, ignore_errors=True)
server = subprocess.Popen([os.path.join(repo, "payara", "gstatsd"), "-b", f"127.0.0.1:{udp}",
                           "-s", f"127.0.0.1:{listener.getsockname()[1]}", "-f", str(a.interval),
                           f"-Dgstatsd.receive-buffer-bytes={a.buffer_bytes}", "-Dgstatsd.max-keys=2000000",
                           f"-Dgstatsd.state-dir={state}"], stdout=log, stderr=subprocess.STDOUT)
try:
    while " ready in " not in open(log.name).read():
        if server.poll() is not None:
            sys.exit("gstatsd exited before it was ready; see " + log.name)
        time.sleep(0.3)

    pid = os.getpid()
    blast_prefix, keys_prefix = f"ful{pid}", f"flk{pid}"
    lines = [f"{keys_prefix}.c.{i}:1|c" for i in range(COUNTERS)]
    lines += [f"{keys_prefix}.t.{i}:{sample + 1}|ms" for sample in range(SAMPLES) for i in range(TIMERS)]
    datagrams = ["\n".join(lines[i:i + PER_DATAGRAM]).encode() for i in range(0, len(lines), PER_DATAGRAM)]
    del lines

    # start just after a flush, so that each burst and the samples of every timer fall in one interval
    time.sleep(a.interval - time.time() % a.interval + 0.5)
    start = time.time()
    blast = subprocess.Popen([os.path.join(a.bench, "blast"), "-p", str(udp), "-n", str(a.rate * 5 * a.interval),
                              "-l", "25", "-k", "1000", "-r", str(a.rate), "-x", blast_prefix],
                             stdout=subprocess.PIPE, text=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect(("127.0.0.1", udp))
    burst_seconds = []
    for offset in (1, 2 * a.interval + 1):
        time.sleep(max(0.0, start + offset - time.time()))
        started = time.time()
        for n, datagram in enumerate(datagrams):
            sock.send(datagram)
            if n % 100 == 99:
                time.sleep(max(0.0, started + (n + 1) * PER_DATAGRAM / a.burst_rate - time.time()))
        burst_seconds.append(time.time() - started)
    blast_out = blast.communicate()[0]
    time.sleep(a.interval + 5)  # the flush after blast's last datagrams
finally:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    if rmem_before < a.buffer_bytes and os.access(rmem_path, os.W_OK):
        open(rmem_path, "w").write(str(rmem_before))
time.sleep(1)
with lock:
    capture_file.flush()

sent = int(re.search(r"sent_lines=(\d+)", blast_out).group(1))
achieved = int(re.search(r"lines_per_s=(\d+)", blast_out).group(1))
blast_counted = counter_sum = timer_count = 0.0
per_flush = {}  # flush timestamp -> [kernel drops, processing_time, flush_time, flush_length, calculationtime]
blast_re = re.compile(r"^stats_counts\.%s\.c\.\d+ " % blast_prefix)
counter_re = re.compile(r"^stats_counts\.%s\.c\.\d+ " % keys_prefix)
timer_re = re.compile(r"^stats\.timers\.%s\.t\.\d+\.count " % keys_prefix)
internal = [("stats_counts.statsd.kernel_drops ", 0), ("stats.statsd.processing_time ", 1),
            ("graphiteStats.flush_time ", 2), ("graphiteStats.flush_length ", 3),
            ("graphiteStats.calculationtime ", 4)]
for line in open(capture_path, errors="replace"):
    if blast_re.match(line):
        blast_counted += float(line.split()[1])
    elif counter_re.match(line):
        counter_sum += float(line.split()[1])
    elif timer_re.match(line):
        timer_count += float(line.split()[1])
    elif "statsd." in line:
        for name, column in internal:
            if name in line:
                _, value, ts = line.split()
                per_flush.setdefault(int(ts), [0, 0, 0, 0, 0])[column] = float(value)

print(f"blast: {achieved} lines/s, sent={sent} counted={blast_counted:.0f} loss={(1 - blast_counted / sent) * 100:.4f}%")
print(f"bursts of new, then known keys at {a.burst_rate} lines/s took {burst_seconds[0]:.1f} and {burst_seconds[1]:.1f} s: "
      f"counters={counter_sum:.0f}/{2 * COUNTERS} timer samples={timer_count:.0f}/{2 * TIMERS * SAMPLES}")
print("flush at (s from start)  kernel drops in the interval  merge ms  formatting ms  flush_time ms  flush bytes")
for ts in sorted(per_flush):
    if ts >= start - 1:
        drops, merge, took, length, formatting = per_flush[ts]
        print(f"{ts - start:22.1f}  {drops:28.0f}  {merge:8.0f}  {formatting:13.0f}  {took:13.0f}  {length:11.0f}")
ok = blast_counted == sent and counter_sum == 2 * COUNTERS and timer_count == 2 * TIMERS * SAMPLES
print("nothing lost" if ok else "LOSS")
sys.exit(0 if ok else 1)
