package io.gstatsd.load.entity;

import java.util.HashMap;
import java.util.Map;

/**
 * What the load sink serves after one flush: the six window answers and the minute series of the same flush,
 * published together so that a request never mixes two flushes. Immutable.
 */
public record LoadView(Map<WindowSpec, LoadAnswer> answers, MinuteSeries series) {

    public LoadView {
        answers = Map.copyOf(answers);
    }

    /** Before the first flush: every window empty, ending now. */
    public static LoadView empty(long nowSeconds) {
        long minuteStart = Math.floorDiv(nowSeconds, 60) * 60;
        Map<WindowSpec, LoadAnswer> answers = new HashMap<>();
        for (WindowSpec window : WindowSpec.all()) {
            long start = minuteStart - (window.minutes() - (window.full() ? 0 : 1)) * 60L;
            answers.put(window, LoadAnswer.empty(start, nowSeconds));
        }
        return new LoadView(answers, MinuteSeries.empty(minuteStart - (MinuteSeries.MINUTES - 1) * 60L));
    }

    public LoadAnswer answer(WindowSpec window) {
        return answers.get(window);
    }
}
