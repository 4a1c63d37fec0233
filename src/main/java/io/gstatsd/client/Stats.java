package io.gstatsd.client;

import java.util.function.LongSupplier;

/**
 * Stateful metrics over a {@link StatsClient}: timers that measure themselves, counters and gauges bound
 * to a key. Thread-safe as far as the client is; a {@link Timer} belongs to the thread that times with it.
 * <pre>{@code
 * Stats stats = new Stats(client);
 * try (Stats.Timer t = stats.timer("db.query").start()) {
 *     runQuery();
 * }
 * stats.counter("logins").increment();
 * stats.gauge("queue.depth").set(42);
 * }</pre>
 */
public final class Stats {

    private final StatsClient client;
    private final LongSupplier nanoClock;

    public Stats(StatsClient client) {
        this(client, System::nanoTime);
    }

    /** With a clock of nanoseconds, for tests. */
    public Stats(StatsClient client, LongSupplier nanoClock) {
        this.client = client;
        this.nanoClock = nanoClock;
    }

    public Timer timer(String key) {
        return new Timer(LineFormat.checkKey(key));
    }

    public Counter counter(String key) {
        return counter(key, 1.0);
    }

    public Counter counter(String key, double sampleRate) {
        LineFormat.checkRate(sampleRate);
        return new Counter(LineFormat.checkKey(key), sampleRate);
    }

    public Gauge gauge(String key) {
        return new Gauge(LineFormat.checkKey(key));
    }

    /** Sends the milliseconds between {@link #start()} and {@link #stop()} (or {@link #close()}). */
    public final class Timer implements AutoCloseable {
        private final String key;
        private long startedNanos;
        private boolean running;

        private Timer(String key) {
            this.key = key;
        }

        public Timer start() {
            startedNanos = nanoClock.getAsLong();
            running = true;
            return this;
        }

        /**
         * @return the elapsed milliseconds, also sent
         * @throws IllegalStateException if the timer was not started, or was stopped already
         */
        public double stop() {
            if (!running) {
                throw new IllegalStateException("timer \"" + key + "\" was stopped without being started; call start() first");
            }
            running = false;
            double millis = Math.round((nanoClock.getAsLong() - startedNanos) / 1_000.0) / 1_000.0;
            client.timer(key, millis);
            return millis;
        }

        public boolean running() {
            return running;
        }

        /** Stops a running timer; closing a stopped one does nothing, so try-with-resources and stop() mix. */
        @Override
        public void close() {
            if (running) {
                stop();
            }
        }
    }

    /** A counter bound to a key and a sample rate. */
    public final class Counter {
        private final String key;
        private final double sampleRate;

        private Counter(String key, double sampleRate) {
            this.key = key;
            this.sampleRate = sampleRate;
        }

        public void increment() {
            client.count(key, 1, sampleRate);
        }

        public void decrement() {
            client.count(key, -1, sampleRate);
        }

        public void add(long n) {
            client.count(key, n, sampleRate);
        }
    }

    /** A gauge bound to a key. */
    public final class Gauge {
        private final String key;

        private Gauge(String key) {
            this.key = key;
        }

        public void set(double value) {
            client.gauge(key, value);
        }

        public void add(double delta) {
            client.gaugeDelta(key, delta);
        }
    }
}
