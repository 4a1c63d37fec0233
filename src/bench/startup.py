#!/usr/bin/env python3
"""Start-up of payara/gstatsd as a restart meets it. Each run starts the server (1 s flush, a Graphite capture
as its sink), watches /proc/net/udp for its port, and from the moment the port is bound offers counter
datagrams at a steady rate until the ready line is printed. It then waits for the flushes and prints, per run:
seconds from launch to the UDP port bound, seconds to the ready line (the receive loop running), datagrams sent
during the start-up, and how many of them the flushes counted.

With --restart a run is a restart as an operator does it: a server runs while datagrams are offered at the rate
throughout; it gets SIGTERM, and once it has exited a new one starts on the same port and state directory. It
prints how long the old one took to exit, when the new one bound the port and was ready (from the SIGTERM),
datagrams sent, counted by both servers' flushes, and lost.

Usage: src/bench/startup.py [--runs 5] [--rate 1000] [--early-bind on|off] [--restart] [--option=-Dgstatsd.x=y ...]
  --early-bind off: the server binds its socket itself, after Payara's boot (GSTATSD_EARLY_BIND=off).
A first run after a build records the class-data archive (slower); run once before measuring."""
import argparse, os, shutil, socket, subprocess, sys, tempfile, threading, time

repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--rate", type=int, default=1000, help="datagrams/s offered from the bind to the ready line")
ap.add_argument("--early-bind", choices=["on", "off"], default="on")
ap.add_argument("--restart", action="store_true",
                help="measure a restart instead: datagrams offered throughout, SIGTERM, a new server at once")
ap.add_argument("--option", action="append", default=[], help="a further server option, e.g. -Dgstatsd.receive-buffer-bytes=67108864")
a = ap.parse_args()

KEY = "bench.startup"


def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Capture:
    """Graphite plaintext listener: sums the flushed stats_counts of KEY."""

    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.counted = 0
        self.flushes = 0
        self.lock = threading.Lock()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            data = b""
            with conn:
                while chunk := conn.recv(65536):
                    data += chunk
            with self.lock:
                self.flushes += 1
                for line in data.decode().splitlines():
                    parts = line.split()
                    if len(parts) == 3 and parts[0] == "stats_counts." + KEY:
                        self.counted += int(float(parts[1]))


def socket_inode(port):
    """The inode of the socket bound to the UDP port, or None."""
    suffix = ":%04X" % port
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[1].endswith(suffix):
                    return fields[9]
    return None


def await_bound(port, server):
    """Seconds until the port is bound by a socket that stays: the launcher's check binds and closes one."""
    seen, since = None, None
    while True:
        if server.poll() is not None:
            sys.exit("the server exited: see target/startup-bench.log")
        inode = socket_inode(port)
        now = time.monotonic()
        if inode is None or inode != seen:
            seen, since = inode, now
        elif now - since >= 0.05:
            return since
        time.sleep(0.002)


def server_env():
    env = dict(os.environ)
    if a.early_bind == "off":
        env["GSTATSD_EARLY_BIND"] = "off"
    return env


def launch(udp, capture, state, log):
    return subprocess.Popen([os.path.join(repo, "payara", "gstatsd"), "-b", "127.0.0.1:%d" % udp,
                             "-s", "127.0.0.1:%d" % capture.port, "-f", "1", "-Dgstatsd.state-dir=" + state]
                            + a.option, stdout=log, stderr=subprocess.STDOUT, env=server_env())


def await_ready(log, server):
    while True:
        log.seek(0)
        if " ready in " in log.read():
            return time.monotonic()
        if server.poll() is not None:
            sys.exit("the server exited: see target/startup-bench.log")
        time.sleep(0.02)


class Offer:
    """Counter datagrams to the port at the rate, from start() to stop(), on a thread of their own."""

    def __init__(self, udp):
        self.udp = udp
        self.sent = 0
        self.sending = threading.Event()
        self.thread = threading.Thread(target=self.offer, daemon=True)

    def start(self):
        self.sending.set()
        self.thread.start()

    def stop(self):
        self.sending.clear()
        self.thread.join()
        return self.sent

    def offer(self):
        sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        began = time.monotonic()
        while self.sending.is_set():
            due = int((time.monotonic() - began) * a.rate) + 1
            while self.sent < due:
                try:
                    sender.sendto(("%s:1|c" % KEY).encode(), ("127.0.0.1", self.udp))
                except OSError:
                    pass   # ECONNREFUSED from an earlier datagram's ICMP: that one is lost, and counted as sent
                self.sent += 1
            time.sleep(0.0005)


def counted(capture, sent):
    """What the flushes carried, once they carry everything sent or 10 s have passed, and one more flush."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with capture.lock:
            if capture.counted >= sent:
                break
        time.sleep(0.1)
    time.sleep(1.5)   # one more flush: nothing comes late
    with capture.lock:
        return capture.counted


def one_run():
    capture = Capture()
    udp = free_port(socket.SOCK_DGRAM)
    log = open(os.path.join(repo, "target", "startup-bench.log"), "w+")
    state = tempfile.mkdtemp(prefix="gstatsd-startup-")   # nothing carried over from another run
    started = time.monotonic()
    server = launch(udp, capture, state, log)
    try:
        bound_at = await_bound(udp, server) - started
        offer = Offer(udp)
        offer.start()
        ready_at = await_ready(log, server) - started
        sent = offer.stop()
        return bound_at, ready_at, sent, counted(capture, sent)
    finally:
        server.terminate()
        server.wait(60)
        capture.server.close()
        shutil.rmtree(state, ignore_errors=True)


def restart_run():
    capture = Capture()
    udp = free_port(socket.SOCK_DGRAM)
    state = tempfile.mkdtemp(prefix="gstatsd-restart-")
    old_log = open(os.path.join(repo, "target", "startup-bench.log"), "w+")
    new_log = open(os.path.join(repo, "target", "startup-bench-new.log"), "w+")
    old = launch(udp, capture, state, old_log)
    new = None
    try:
        await_ready(old_log, old)
        offer = Offer(udp)
        offer.start()
        time.sleep(3)
        stopped = time.monotonic()
        old.terminate()
        old.wait(60)
        exited = time.monotonic() - stopped
        new = launch(udp, capture, state, new_log)
        bound = await_bound(udp, new) - stopped
        ready = await_ready(new_log, new) - stopped
        time.sleep(3)
        sent = offer.stop()
        return exited, bound, ready, sent, counted(capture, sent)
    finally:
        for server in (old, new):
            if server is not None and server.poll() is None:
                server.terminate()
                server.wait(60)
        capture.server.close()
        shutil.rmtree(state, ignore_errors=True)


if a.restart:
    print("restart, early bind %s, %d datagrams/s throughout; net.core.rmem_max %s; options %s"
          % (a.early_bind, a.rate, open("/proc/sys/net/core/rmem_max").read().strip(), a.option))
    print("run  exited(s)  bound(s)  ready(s)   sent  counted   lost")
    for run in range(a.runs):
        e, b, r, s, c = restart_run()
        print("%3d  %9.2f  %8.2f  %8.2f  %5d  %7d  %5d" % (run + 1, e, b, r, s, c, s - c), flush=True)
    sys.exit(0)

print("early bind %s, %d datagrams/s from the bind to the ready line; net.core.rmem_max %s; options %s"
      % (a.early_bind, a.rate, open("/proc/sys/net/core/rmem_max").read().strip(), a.option))
print("run  bound(s)  ready(s)  sent  counted")
for run in range(a.runs):
    b, r, s, c = one_run()
    print("%3d  %8.2f  %8.2f  %5d  %7d" % (run + 1, b, r, s, c), flush=True)
