package io.gstatsd.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Sends statsd metrics over UDP, fire and forget. Thread-safe. Metric methods never throw for network
 * trouble and never wait for the network: a line that cannot be sent (unresolvable host, full socket
 * buffer, closed client, NaN or infinite value, negative timer) is counted in {@link #errors()} and dropped.
 * They do throw {@link IllegalArgumentException} for programming errors: a null or empty key, a key with
 * ':', '|', '@', '#' or a line break, or a sample rate outside (0, 1].
 * <p>
 * Unbatched by default: one datagram per metric. With {@link Builder#batching}, lines are packed into
 * datagrams of at most {@code maxDatagramBytes} (1432 by default: fits an Ethernet MTU with IP/UDP headers)
 * and sent when full, after {@code flushDelay}, on {@link #flush()} and on {@link #close()}.
 * <pre>{@code
 * try (StatsClient statsd = StatsClient.builder().host("stats.example").build()) {
 *     statsd.increment("logins");
 *     statsd.timer("db.query", 12.5);
 * }
 * }</pre>
 */
public final class StatsClient implements AutoCloseable {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8125;
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 1432;

    private final InetSocketAddress address;
    private final DatagramChannel channel;
    private final boolean batching;
    private final int maxDatagramBytes;
    private final long flushDelayMillis;
    private final DoubleSupplier random;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong sentDatagrams = new AtomicLong();

    private final StringBuilder pending = new StringBuilder();
    private int pendingBytes;
    private ScheduledFuture<?> scheduledFlush;
    private boolean closed;

    private StatsClient(Builder builder) {
        this.address = new InetSocketAddress(builder.host, builder.port);
        this.batching = builder.batching;
        this.maxDatagramBytes = builder.maxDatagramBytes;
        this.flushDelayMillis = builder.flushDelay.toMillis();
        this.random = builder.random;
        this.channel = openChannel();
        this.scheduler = batching ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "statsd-client-flush");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /** A client for localhost:8125, unbatched. */
    public static StatsClient create() {
        return builder().build();
    }

    public static StatsClient create(String host, int port) {
        return builder().host(host).port(port).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private DatagramChannel openChannel() {
        try {
            DatagramChannel opened = DatagramChannel.open();
            opened.configureBlocking(false);
            return opened;
        } catch (IOException e) {
            errors.incrementAndGet();
            return null;
        }
    }

    public void increment(String key) {
        count(key, 1, 1.0);
    }

    public void increment(String key, double sampleRate) {
        count(key, 1, sampleRate);
    }

    public void decrement(String key) {
        count(key, -1, 1.0);
    }

    public void decrement(String key, double sampleRate) {
        count(key, -1, sampleRate);
    }

    public void count(String key, long delta) {
        count(key, delta, 1.0);
    }

    public void count(String key, double delta, double sampleRate) {
        metric(key, delta, "c", sampleRate, false);
    }

    public void timer(String key, double millis) {
        timer(key, millis, 1.0);
    }

    public void timer(String key, double millis, double sampleRate) {
        metric(key, millis, "ms", sampleRate, false);
    }

    /** Sets a gauge; a negative value is sent as a reset to 0 and a delta, as the protocol requires. */
    public void gauge(String key, double value) {
        gauge(key, value, 1.0);
    }

    public void gauge(String key, double value, double sampleRate) {
        metric(key, value, "g", sampleRate, false);
    }

    /** Changes a gauge by {@code delta} (sent with an explicit sign). */
    public void gaugeDelta(String key, double delta) {
        gaugeDelta(key, delta, 1.0);
    }

    public void gaugeDelta(String key, double delta, double sampleRate) {
        metric(key, delta, "g", sampleRate, true);
    }

    /** Adds a member to a set; the member must not contain '|' or a line break (counted as an error). */
    public void set(String key, String member) {
        set(key, member, 1.0);
    }

    public void set(String key, String member, double sampleRate) {
        LineFormat.checkKey(key);
        LineFormat.checkRate(sampleRate);
        if (member == null || member.indexOf('|') >= 0 || member.indexOf('\n') >= 0 || member.indexOf('\r') >= 0
                || member.indexOf(':') >= 0) {
            errors.incrementAndGet();
            return;
        }
        if (!sampled(sampleRate)) {
            return;
        }
        StringBuilder line = new StringBuilder(key.length() + member.length() + 8).append(key).append(':').append(member).append("|s");
        LineFormat.rate(line, sampleRate);
        enqueue(line.toString());
    }

    private void metric(String key, double value, String type, double sampleRate, boolean signed) {
        LineFormat.checkKey(key);
        LineFormat.checkRate(sampleRate);
        if (!Double.isFinite(value) || (type.equals("ms") && value < 0)) {
            errors.incrementAndGet();
            return;
        }
        if (!sampled(sampleRate)) {
            return;
        }
        StringBuilder lines = new StringBuilder(2 * key.length() + 40);
        if (type.equals("g") && !signed && value < 0) {
            // "-5" alone would read as a delta: set the gauge to 0 first, in the same datagram
            line(lines, key, 0, type, sampleRate, false).append('\n');
        }
        enqueue(line(lines, key, value, type, sampleRate, signed).toString());
    }

    private static StringBuilder line(StringBuilder out, String key, double value, String type, double sampleRate,
                                      boolean signed) {
        out.append(key).append(':');
        if (signed && value >= 0) {
            out.append('+');
        }
        LineFormat.number(out, value);
        out.append('|').append(type);
        LineFormat.rate(out, sampleRate);
        return out;
    }

    private boolean sampled(double sampleRate) {
        return sampleRate >= 1.0 || random.getAsDouble() < sampleRate;
    }

    private synchronized void enqueue(String line) {
        if (closed) {
            errors.incrementAndGet();
            return;
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (!batching) {
            send(line);
            return;
        }
        if (pendingBytes > 0 && pendingBytes + 1 + bytes > maxDatagramBytes) {
            sendPending();
        }
        if (pendingBytes > 0) {
            pending.append('\n');
            pendingBytes++;
        }
        pending.append(line);
        pendingBytes += bytes;
        if (pendingBytes >= maxDatagramBytes) {
            sendPending();
        } else if (scheduledFlush == null) {
            scheduledFlush = scheduler.schedule(this::flush, flushDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what is pending now (batching only; unbatched clients have nothing pending). */
    public synchronized void flush() {
        if (pendingBytes > 0) {
            sendPending();
        }
    }

    private void sendPending() {
        send(pending.toString());
        pending.setLength(0);
        pendingBytes = 0;
        if (scheduledFlush != null) {
            scheduledFlush.cancel(false);
            scheduledFlush = null;
        }
    }

    private void send(String datagram) {
        if (channel == null || address.isUnresolved()) {
            errors.incrementAndGet();
            return;
        }
        try {
            if (channel.send(ByteBuffer.wrap(datagram.getBytes(StandardCharsets.UTF_8)), address) == 0) {
                errors.incrementAndGet();
            } else {
                sentDatagrams.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    /** Lines or datagrams dropped: network errors, a closed client, values the server would reject. */
    public long errors() {
        return errors.get();
    }

    /** Datagrams handed to the network. */
    public long sentDatagrams() {
        return sentDatagrams.get();
    }

    /** Sends what is pending and releases the socket; later metrics are dropped and counted as errors. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            flush();
            closed = true;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                errors.incrementAndGet();
            }
        }
    }

    /** Settings of a {@link StatsClient}; unset ones keep the defaults. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private boolean batching;
        private int maxDatagramBytes = DEFAULT_MAX_DATAGRAM_BYTES;
        private Duration flushDelay = Duration.ofMillis(100);
        private DoubleSupplier random = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Packs lines into datagrams, sent when full or {@code flushDelay} after the first pending line. */
        public Builder batching(int maxDatagramBytes, Duration flushDelay) {
            if (maxDatagramBytes < 64 || maxDatagramBytes > 65_507) {
                throw new IllegalArgumentException("maxDatagramBytes must be 64-65507, got " + maxDatagramBytes);
            }
            if (flushDelay.isNegative()) {
                throw new IllegalArgumentException("flushDelay must not be negative");
            }
            this.batching = true;
            this.maxDatagramBytes = maxDatagramBytes;
            this.flushDelay = flushDelay;
            return this;
        }

        /** Batching with the defaults: 1432-byte datagrams, sent at the latest 100 ms after the first line. */
        public Builder batching() {
            return batching(DEFAULT_MAX_DATAGRAM_BYTES, Duration.ofMillis(100));
        }

        /** The source of uniform numbers in [0, 1) for sampling; for tests. */
        public Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        public StatsClient build() {
            return new StatsClient(this);
        }
    }
}
