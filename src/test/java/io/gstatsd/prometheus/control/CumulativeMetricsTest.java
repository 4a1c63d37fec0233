package io.gstatsd.prometheus.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.configuration.entity.HistogramBins;
import io.gstatsd.testing.ManualClock;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CumulativeMetricsTest {

    private static final long START = 1_795_577_390_000L;
    private static final long INTERVAL = 10_000;

    private final ManualClock clock = new ManualClock(START);

    private static Snapshot flush(List<CounterValue> counters, List<TimerSamples> timers, List<GaugeValue> gauges,
                                  List<SetMembers> sets) {
        return new Snapshot(START, INTERVAL, counters, timers, gauges, sets, 0);
    }

    private static Snapshot counters(CounterValue... counters) {
        return flush(List.of(counters), List.of(), List.of(), List.of());
    }

    private static String text(CumulativeMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.snapshots(), EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countersAccumulateAcrossFlushesAsTotalsAndTagsAreLabels() throws IOException {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(90.0), List.of(), 0, clock);
        metrics.add(counters(new CounterValue("api.hits;env=prod", 3), new CounterValue("api.hits;env=test", 1)));
        metrics.add(counters(new CounterValue("api.hits;env=prod", 4), new CounterValue("api.hits;env=test", 0)));
        assertEquals("""
                # TYPE api_hits_total counter
                api_hits_total{env="prod"} 7.0
                api_hits_total{env="test"} 1.0
                """, text(metrics));
    }

    @Test
    void aNegativeIntervalCountIsLeftOutSoTheCounterNeverFalls() throws IOException {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(), List.of(), 0, clock);
        metrics.add(counters(new CounterValue("q", 5)));
        metrics.add(counters(new CounterValue("q", -2)));
        metrics.add(counters(new CounterValue("q", 0.5)));
        assertEquals("# TYPE q_total counter\nq_total 5.5\n", text(metrics));
    }

    @Test
    void gaugesKeepTheLastValueAndSetsTheLastBusyIntervalsDistinctCount() throws IOException {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(), List.of(), 0, clock);
        metrics.add(flush(List.of(), List.of(), List.of(new GaugeValue("queue", 12)),
                List.of(new SetMembers("users", new long[] {1, 2, 3}))));
        metrics.add(flush(List.of(), List.of(), List.of(new GaugeValue("queue", -4.5)),
                List.of(new SetMembers("users", new long[] {9}))));
        metrics.add(flush(List.of(), List.of(), List.of(new GaugeValue("queue", -4.5, false)),
                List.of(new SetMembers("users", new long[0]))));
        assertEquals("""
                # TYPE queue gauge
                queue -4.5
                # TYPE users gauge
                users 1.0
                """, text(metrics));
    }

    @Test
    void timersAreSummariesWithEtsysPercentilesOfTheLastFlushAndCumulativeSumAndCount() throws IOException {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(50.0, 90.0, 99.9, -10.0), List.of(), 0, clock);
        metrics.add(flush(List.of(), List.of(new TimerSamples("api.rt", new double[] {10, 20, 30, 40}, 4)), List.of(), List.of()));
        metrics.add(flush(List.of(), List.of(new TimerSamples("api.rt", new double[] {5, 15}, 20)), List.of(), List.of()));
        metrics.add(flush(List.of(), List.of(new TimerSamples("api.rt", new double[0], 0)), List.of(), List.of()));
        // the second flush was sampled at 0.1: each sample weighs 10, so count 4 + 20 and sum 100 + 10 * 20
        assertEquals("""
                # TYPE api_rt summary
                api_rt{quantile="0.5"} 5.0
                api_rt{quantile="0.9"} 15.0
                api_rt{quantile="0.999"} 15.0
                api_rt_count 24
                api_rt_sum 300.0
                """, text(metrics));
    }

    @Test
    void aTimerMatchedByAHistogramEntryIsAHistogramWithInclusiveBucketsAndInf() throws IOException {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(90.0),
                List.of(new HistogramBins("render", List.of(10.0, 100.0))), 0, clock);
        metrics.add(flush(List.of(), List.of(new TimerSamples("page.render", new double[] {1, 10, 50, 500}, 4),
                new TimerSamples("page.other", new double[] {7}, 1)), List.of(), List.of()));
        metrics.add(flush(List.of(), List.of(new TimerSamples("page.render", new double[] {100}, 1)), List.of(), List.of()));
        assertEquals("""
                # TYPE page_other summary
                page_other{quantile="0.9"} 7.0
                page_other_count 1
                page_other_sum 7.0
                # TYPE page_render histogram
                page_render_bucket{le="10.0"} 2
                page_render_bucket{le="100.0"} 4
                page_render_bucket{le="+Inf"} 5
                page_render_count 5
                page_render_sum 661.0
                """, text(metrics));
    }

    @Test
    void aSeriesIsDroppedOnceItsKeyWasNotWrittenForTheTtlAndComesBackFromZero() throws IOException {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(), List.of(), 30_000, clock);
        metrics.add(flush(List.of(new CounterValue("hits", 2)), List.of(), List.of(new GaugeValue("temp", 20)), List.of()));
        clock.advance(INTERVAL);
        // idle since: the counter flushed as 0, the gauge re-sent with its value but not written
        metrics.add(flush(List.of(new CounterValue("hits", 0)), List.of(), List.of(new GaugeValue("temp", 20, false)), List.of()));
        clock.advance(INTERVAL);
        metrics.add(flush(List.of(new CounterValue("hits", 0)), List.of(), List.of(new GaugeValue("temp", 20, false)), List.of()));
        assertEquals(2, metrics.size(), "29.999 s is not yet the TTL... 20 s since the last write");
        clock.advance(INTERVAL);
        metrics.add(flush(List.of(new CounterValue("hits", 0)), List.of(), List.of(new GaugeValue("temp", 21, true)), List.of()));
        assertEquals("# TYPE temp gauge\ntemp 21.0\n", text(metrics), "30 s after its last line the counter is gone");
        clock.advance(INTERVAL);
        metrics.add(counters(new CounterValue("hits", 1)));
        assertEquals("# TYPE hits_total counter\nhits_total 1.0\n# TYPE temp gauge\ntemp 21.0\n", text(metrics));
    }

    @Test
    void aTtlOfZeroKeepsSeriesForEver() {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(), List.of(), 0, clock);
        metrics.add(counters(new CounterValue("hits", 2)));
        clock.advance(365L * 86_400_000);
        metrics.add(counters(new CounterValue("hits", 0)));
        assertEquals(1, metrics.size());
    }

    @Test
    void aNameHeldByAnotherTypeOrAnotherKeyIsLeftOutAndTheFirstKept() throws IOException {
        CumulativeMetrics metrics = new CumulativeMetrics(List.of(), List.of(), 0, clock);
        metrics.add(flush(List.of(new CounterValue("a.b", 1), new CounterValue("a-b", 5)), List.of(),
                List.of(new GaugeValue("a.b", 3), new GaugeValue("x_total", 1)), List.of()));
        metrics.add(counters(new CounterValue("x", 2)));
        assertEquals("""
                # TYPE a_b_total counter
                a_b_total 1.0
                # TYPE x_total gauge
                x_total 1.0
                """, text(metrics));
    }
}
