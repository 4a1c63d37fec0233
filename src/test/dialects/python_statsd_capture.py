import socket, statsd, random
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(('127.0.0.1', 0))
sock.settimeout(1)
port = sock.getsockname()[1]
c = statsd.StatsClient('127.0.0.1', port, prefix='app')
random.seed(1)
import statsd.client.base as b
# a sample rate that always sends: random() < rate would drop; force by patching random
b.random.random = lambda: 0.0
c.incr('py.hits')
c.incr('py.hits', 3, rate=0.5)
c.incr('py.rare', 1, rate=0.00001)
c.decr('py.hits', 2)
c.timing('py.rt', 12.5)
c.timing('py.rt', 7, rate=0.25)
c.gauge('py.temp', 21.5)
c.gauge('py.temp', -3, delta=True)
c.gauge('py.temp', -4)
c.set('py.users', 'alice')
with c.pipeline() as p:
    p.incr('py.piped')
    p.timing('py.piped_rt', 3)
while True:
    try:
        data, _ = sock.recvfrom(65535)
    except socket.timeout:
        break
    print(repr(data.decode()))
