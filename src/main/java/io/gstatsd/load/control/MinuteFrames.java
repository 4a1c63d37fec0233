package io.gstatsd.load.control;

import io.gstatsd.vocabulary.control.EpochSeconds;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.load.entity.KeyIndex;
import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.MinuteSeries;
import io.gstatsd.load.entity.MinuteValues;
import io.gstatsd.load.entity.WindowSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-minute frames aligned to wall-clock minutes: the current frame and the 15 complete ones before it.
 * Each flush is folded into the frame of the minute it was taken in; when a minute ends, the merged
 * windows of complete frames are computed once (so a query never merges 15 frames), and after every flush
 * the six answers (1, 5, 15 minutes, partial and full) are rebuilt from them and the current frame, and so is
 * the {@link MinuteSeries} of the live page's sparklines (each complete minute's values are taken once, when
 * the minute ends).
 * <p>
 * Not thread-safe: one thread (the load sink's worker) calls {@link #add}; it returns immutable answers
 * which that thread publishes for readers.
 */
public final class MinuteFrames {

    static final int KEPT_COMPLETE_FRAMES = 15;

    private final LoadFormatter formatter;
    private final long startMillis;
    private final TreeMap<Long, FrameMetrics> complete = new TreeMap<>();
    private long currentMinute = Long.MIN_VALUE;
    private FrameMetrics current = new FrameMetrics();
    private final TreeMap<Long, MinuteValues> completeValues = new TreeMap<>();
    private MinuteValues currentValues = MinuteValues.EMPTY;
    /** The keys of the complete minutes the partial 15-minute window covers. */
    private KeyIndex recentKeys = KeyIndex.EMPTY;
    private MinuteSeries series = MinuteSeries.empty(0);
    /** Merges of complete frames ending with the last complete minute, by how many minutes they cover. */
    private Map<Integer, FrameMetrics> completeWindows = Map.of();
    private Map<WindowSpec, LoadAnswer> fullAnswers = Map.of();

    /** @param startMillis when the server started: no window covers time before it */
    public MinuteFrames(LoadFormatter formatter, long startMillis) {
        this.formatter = formatter;
        this.startMillis = startMillis;
    }

    /** Folds one flush in and returns the six answers as of this flush. */
    public Map<WindowSpec, LoadAnswer> add(Snapshot snapshot) {
        long minute = Math.floorDiv(snapshot.epochMillis(), 60_000L);
        if (minute > currentMinute) {
            rollTo(minute);
        }
        current.add(snapshot);
        currentValues = current.values();
        series = newSeries();
        return answers(snapshot.epochMillis());
    }

    /** The last fifteen minutes' values per key, as of the last {@link #add}. */
    public MinuteSeries series() {
        return series;
    }

    private MinuteSeries newSeries() {
        List<MinuteValues> minutes = new ArrayList<>(MinuteSeries.MINUTES);
        for (long minute = currentMinute - (MinuteSeries.MINUTES - 1); minute < currentMinute; minute++) {
            minutes.add(completeValues.get(minute));
        }
        minutes.add(currentValues);
        return new MinuteSeries((currentMinute - (MinuteSeries.MINUTES - 1)) * 60, minutes,
                recentKeys.merge(KeyIndex.of(currentValues)));
    }

    private void rollTo(long minute) {
        if (currentMinute != Long.MIN_VALUE) {
            complete.put(currentMinute, current);
            completeValues.put(currentMinute, currentValues);
        }
        currentMinute = minute;
        current = new FrameMetrics();
        while (!complete.isEmpty() && complete.firstKey() < minute - KEPT_COMPLETE_FRAMES) {
            complete.pollFirstEntry();
        }
        completeValues.headMap(minute - (MinuteSeries.MINUTES - 1)).clear();
        recentKeys = KeyIndex.EMPTY;
        for (MinuteValues values : completeValues.values()) {
            recentKeys = recentKeys.merge(KeyIndex.of(values));
        }
        completeWindows = mergeCompleteWindows();
        fullAnswers = new HashMap<>();
        long end = minute * 60;
        for (int minutes : WindowSpec.MINUTES) {
            long start = end - minutes * 60L;
            fullAnswers.put(new WindowSpec(minutes, true),
                    formatter.answer(completeWindows.get(minutes), start, end, covered(start, end)));
        }
    }

    /** Windows of 1, 4, 5, 14 and 15 complete minutes, each built on the previous one: 15 merges in all. */
    private Map<Integer, FrameMetrics> mergeCompleteWindows() {
        Map<Integer, FrameMetrics> windows = new HashMap<>();
        FrameMetrics running = new FrameMetrics();
        for (int minutes = 1; minutes <= KEPT_COMPLETE_FRAMES; minutes++) {
            FrameMetrics frame = complete.get(currentMinute - minutes);
            FrameMetrics next = new FrameMetrics();
            if (frame != null) {
                next.merge(frame);
            }
            next.merge(running);
            running = next;
            if (minutes == 1 || minutes == 4 || minutes == 5 || minutes == 14 || minutes == 15) {
                windows.put(minutes, running);
            }
        }
        return windows;
    }

    private Map<WindowSpec, LoadAnswer> answers(long nowMillis) {
        Map<WindowSpec, LoadAnswer> answers = new HashMap<>(fullAnswers);
        long end = EpochSeconds.of(nowMillis);
        for (int minutes : WindowSpec.MINUTES) {
            long start = (currentMinute - (minutes - 1)) * 60;
            FrameMetrics window = current;
            if (minutes > 1) {
                window = FrameMetrics.mergeOf(List.of(completeWindows.get(minutes - 1), current));
            }
            answers.put(new WindowSpec(minutes, false), formatter.answer(window, start, end, covered(start, end)));
        }
        return answers;
    }

    /** Seconds of the window the server has been up for, at least one (the rate's divisor). */
    private long covered(long startSeconds, long endSeconds) {
        long from = Math.max(startSeconds, Math.floorDiv(startMillis, 1000));
        return Math.max(1, endSeconds - from);
    }

    /** Complete frames kept, for tests. */
    List<Long> completeMinutes() {
        return new ArrayList<>(complete.keySet());
    }
}
