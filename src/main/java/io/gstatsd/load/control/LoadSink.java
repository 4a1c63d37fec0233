package io.gstatsd.load.control;

import io.gstatsd.vocabulary.control.EpochSeconds;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkTelemetry;
import io.gstatsd.flush.control.SinkWorker;
import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.LoadView;
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
 * six window answers and the minute series together as a {@link LoadView}, so the flush hands over
 * a snapshot without waiting and an HTTP request reads a finished answer without locking or merging anything.
 * <p>
 * Threads: {@link #publish} and {@link #close} from the flush thread, {@link #answer} and {@link #view} from any
 * request thread; only the worker touches the frames.
 */
public final class LoadSink implements Sink {

    private static final Logger LOG = Logger.getLogger(LoadSink.class.getName());

    private final MinuteFrames frames;
    private final Clock clock;
    private final SinkWorker worker;
    /** Null until the first flush is folded in. */
    private volatile LoadView view;
    /** How long the last flush took to fold in; written by the worker. */
    private volatile long foldNanos;

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
        return view().answer(window);
    }

    /** The answers and minute series of the latest flush; before the first flush, empty ones ending now. */
    public LoadView view() {
        LoadView latest = view;
        return latest != null ? latest : LoadView.empty(EpochSeconds.of(clock.millis()));
    }

    @Override
    public SinkTelemetry telemetry() {
        return new SinkTelemetry(0, 0, worker.waiting(), 0, foldNanos / 1e9);
    }

    private void fold(Snapshot snapshot) {
        long started = System.nanoTime();
        try {
            Map<WindowSpec, LoadAnswer> answers = frames.add(snapshot);
            view = new LoadView(answers, frames.series());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "bug: the load sink could not fold a flush in; skipped it", e);
        }
        foldNanos = System.nanoTime() - started;
    }

    /** In a cluster the load answers cover every member's keys: frames add up flushes, and the members' keys are disjoint. */
    @Override
    public boolean clusterWide() {
        return true;
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
