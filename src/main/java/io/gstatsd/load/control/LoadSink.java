package io.gstatsd.load.control;

import io.gstatsd.vocabulary.control.EpochSeconds;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkWorker;
import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.WindowSpec;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load sink: folds every flush into {@link MinuteFrames} on its own {@link SinkWorker} and publishes the
 * six window answers through a volatile reference, so the flush hands over a snapshot without waiting and an
 * HTTP request reads a finished answer without locking or merging anything.
 * <p>
 * Threads: {@link #publish} and {@link #close} from the flush thread, {@link #answer} from any request
 * thread; only the worker touches the frames.
 */
public final class LoadSink implements Sink {

    private static final Logger LOG = Logger.getLogger(LoadSink.class.getName());

    private final MinuteFrames frames;
    private final Clock clock;
    private final SinkWorker worker;
    private volatile Map<WindowSpec, LoadAnswer> answers = Map.of();

    public LoadSink(MinuteFrames frames, Clock clock, ThreadFactory threads) {
        this.frames = Objects.requireNonNull(frames, "frames");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.worker = new SinkWorker("gstatsd-load", threads, this::fold);
    }

    @Override
    public void publish(Snapshot snapshot) {
        worker.offer(snapshot);
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

    private void fold(Snapshot snapshot) {
        try {
            answers = Map.copyOf(frames.add(snapshot));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "bug: the load sink could not fold a flush in; skipped it", e);
        }
    }

    @Override
    public void close(Duration timeout) {
        worker.close(timeout);
    }

    @Override
    public String toString() {
        return "load";
    }
}
