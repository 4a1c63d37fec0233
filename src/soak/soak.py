#!/usr/bin/python3
"""Soak test (not run in CI): offers counter lines at a steady rate for a while (default 10 minutes at
2,000,000 lines/s in 25-line datagrams, half the measured lossless capacity), restarts the real carbon-cache
every 2 minutes with a 10-second outage, then stops gstatsd with SIGTERM and proves from the whisper files
that every count sent was stored.

Usage: src/soak/soak.py [--minutes 10] [--rate 2000000] [--lines 25] [--keys 1000] [--restart-every 120]
Needs: payara/gstatsd built or buildable, Debian's graphite-carbon and python3-whisper, gcc (for blast).
Prints one summary line: sent=N stored=N loss=X% kernel_rcvbuf_drops=N and exits 1 on any loss."""
import argparse, os, re, signal, socket, subprocess, sys, time

import whisper  # Debian's python3-whisper

repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap = argparse.ArgumentParser()
ap.add_argument("--minutes", type=float, default=10)
ap.add_argument("--rate", type=int, default=2_000_000)
ap.add_argument("--lines", type=int, default=25)
ap.add_argument("--keys", type=int, default=1000)
ap.add_argument("--restart-every", type=float, default=120)
ap.add_argument("--outage", type=float, default=10)
ap.add_argument("--bench", default=os.environ.get("GSTATSD_BENCH", os.path.join(repo, "..", "shared", "bench")))
a = ap.parse_args()

work = os.path.join(repo, "target", "soak")
carbon_dir = os.path.join(work, "carbon")
os.makedirs(os.path.join(carbon_dir, "whisper"), exist_ok=True)
os.makedirs(os.path.join(carbon_dir, "log"), exist_ok=True)


def free_port(kind):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


line_port, udp_port = free_port(socket.SOCK_STREAM), free_port(socket.SOCK_DGRAM)
with open(os.path.join(carbon_dir, "carbon.conf"), "w") as f:
    f.write(f"""[cache]
STORAGE_DIR = {carbon_dir}
LOCAL_DATA_DIR = {carbon_dir}/whisper
CONF_DIR = {carbon_dir}
LOG_DIR = {carbon_dir}/log
PID_DIR = {carbon_dir}
USER =
ENABLE_TAGS = False
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = 100000
MAX_CREATES_PER_MINUTE = inf
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = {line_port}
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = {free_port(socket.SOCK_STREAM)}
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = {free_port(socket.SOCK_STREAM)}
WHISPER_FALLOCATE_CREATE = False
""")
with open(os.path.join(carbon_dir, "storage-schemas.conf"), "w") as f:
    f.write("[all]\npattern = .*\nretentions = 1s:2h\n")
with open(os.path.join(carbon_dir, "storage-aggregation.conf"), "w") as f:
    f.write("[all]\npattern = .*\nxFilesFactor = 0\naggregationMethod = sum\n")

children = []


def start_carbon():
    pid_file = os.path.join(carbon_dir, "carbon.pid")
    if os.path.exists(pid_file):
        os.remove(pid_file)
    log = open(os.path.join(carbon_dir, "log", "console.log"), "a")
    p = subprocess.Popen(["carbon-cache", f"--config={carbon_dir}/carbon.conf", "--nodaemon",
                          f"--pidfile={pid_file}", f"--logdir={carbon_dir}/log", "start"],
                         stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", line_port), timeout=0.2).close()
            return p
        except OSError:
            time.sleep(0.1)
    sys.exit("carbon-cache did not start")


def stop(p, sig=signal.SIGTERM, timeout=30):
    if p.poll() is None:
        p.send_signal(sig)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def rcvbuf_errors():
    rows = [l.split() for l in open("/proc/net/snmp") if l.startswith("Udp:")]
    return int(rows[1][rows[0].index("RcvbufErrors")])


def restore_rmem():
    try:
        with open("/proc/sys/net/core/rmem_max", "w") as f:
            f.write(str(rmem_before))
    except (OSError, NameError):
        pass


def cleanup(*_):
    restore_rmem()
    for p in children:
        stop(p, timeout=10)
    sys.exit(2)


signal.signal(signal.SIGINT, cleanup)
signal.signal(signal.SIGTERM, cleanup)

subprocess.run(["make", "-s", "-C", a.bench], check=True)

# A production host raises the kernel's cap on socket receive buffers (see the README); do it here when we
# may, so that a GC pause or carbon's own bursts do not overflow the default 4 MiB.
rmem_path = "/proc/sys/net/core/rmem_max"
rmem_before = int(open(rmem_path).read())
receive_buffer = max(rmem_before, 32 << 20)
try:
    with open(rmem_path, "w") as f:
        f.write(str(receive_buffer))
except OSError:
    receive_buffer = rmem_before
print(f"net.core.rmem_max={int(open(rmem_path).read())}", flush=True)
carbon = start_carbon()
children.append(carbon)
server_log = open(os.path.join(work, "gstatsd.log"), "w")
server = subprocess.Popen([os.path.join(repo, "payara", "gstatsd"), "-b", f"127.0.0.1:{udp_port}",
                           "-s", f"127.0.0.1:{line_port}", "-f", "10",
                           f"-Dgstatsd.receive-buffer-bytes={receive_buffer}"], stdout=server_log, stderr=subprocess.STDOUT)
children.append(server)
deadline = time.time() + 180
while " ready in " not in open(os.path.join(work, "gstatsd.log")).read():
    if time.time() > deadline or server.poll() is not None:
        cleanup()
    time.sleep(0.5)

prefix = f"soak{os.getpid()}"
seconds = a.minutes * 60
drops0 = rcvbuf_errors()
blast = subprocess.Popen([os.path.join(a.bench, "blast"), "-p", str(udp_port), "-n", str(int(a.rate * seconds)),
                          "-l", str(a.lines), "-k", str(a.keys), "-r", str(a.rate), "-x", prefix],
                         stdout=subprocess.PIPE, text=True)
children.append(blast)
started = time.time()
next_restart = started + a.restart_every
restarts = 0
while blast.poll() is None:
    if time.time() >= next_restart:
        stop(carbon)
        print(f"{time.time() - started:6.0f}s carbon stopped", flush=True)
        time.sleep(a.outage)
        carbon = start_carbon()
        children.append(carbon)
        restarts += 1
        print(f"{time.time() - started:6.0f}s carbon started again", flush=True)
        next_restart += a.restart_every
    time.sleep(0.5)
out = blast.stdout.read()
sent = int(re.search(r"sent_lines=(\d+)", out).group(1))
drops = rcvbuf_errors() - drops0
print(f"blast: {out.strip()}", flush=True)

time.sleep(25)  # two flushes and a resend
stop(server, timeout=60)  # SIGTERM: the partial interval is flushed too
time.sleep(5)
stop(carbon, timeout=120)  # carbon writes its cache out before it exits

stored = 0.0
base = os.path.join(carbon_dir, "whisper", "stats_counts", prefix, "c")
for name in os.listdir(base):
    (_, _, _), values = whisper.fetch(os.path.join(base, name), 0)
    stored += sum(v for v in values if v is not None)
restore_rmem()
loss = 1 - stored / sent
kernel_lost = drops * a.lines
print(f"sent={sent} stored={stored:.0f} loss={loss * 100:.4f}% carbon_restarts={restarts} "
      f"kernel_rcvbuf_drops={drops} (= {kernel_lost} lines the server never saw) "
      f"lost_after_reception={sent - kernel_lost - stored:.0f}")
sys.exit(0 if stored == sent else 1)
