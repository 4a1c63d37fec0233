package io.gstatsd.load.control;

import io.gstatsd.vocabulary.control.EpochSeconds;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.WindowSpec;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load sink: folds every flush into {@link MinuteFrames} on its own thread and publishes the six
 * window answers through a volatile reference, so the flush hands over a snapshot without waiting and an
 * HTTP request reads a finished answer without locking or merging anything.
 */
public final class LoadSink implements Sink {

    private static final Logger LOG = Logger.getLogger(LoadSink.class.getName());

    private final MinuteFrames frames;
    private final Clock clock;
    private final LinkedBlockingQueue<Snapshot> incoming = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile Map<WindowSpec, LoadAnswer> answers = Map.of();
    private volatile boolean closing;

    public LoadSink(MinuteFrames frames, Clock clock, ThreadFactory threads) {
        this.frames = frames;
        this.clock = clock;
        this.worker = threads.newThread(this::work);
        worker.setName("gstatsd-load");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void publish(Snapshot snapshot) {
        if (!closing) {
            incoming.add(snapshot);
        }
    }

    /** The latest answer for a window; before the first flush, an empty one ending now. */
    public LoadAnswer answer(WindowSpec window) {
        LoadAnswer answer = answers.get(window);
        if (answer != null) {
            return answer;
        }
        long now = EpochSeconds.of(clock.millis());
        return LoadAnswer.empty(now - now % 60 - (window.minutes() - (window.full() ? 0 : 1)) * 60L, now);
    }

    private void work() {
        while (!closing || !incoming.isEmpty()) {
            try {
                Snapshot snapshot = incoming.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (snapshot != null) {
                    answers = Map.copyOf(frames.add(snapshot));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "bug: the load sink could not fold a flush in; skipped it", e);
            }
        }
    }

    @Override
    public void close(Duration timeout) {
        closing = true;
        try {
            worker.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
    }

    @Override
    public String toString() {
        return "load";
    }
}
