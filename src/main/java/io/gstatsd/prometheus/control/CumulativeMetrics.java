package io.gstatsd.prometheus.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.configuration.entity.HistogramBins;
import io.gstatsd.prometheus.entity.SeriesName;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * What the Prometheus endpoint serves: every flush folded into one cumulative view, as statsd_exporter keeps it.
 * <ul>
 *   <li>a counter is a Prometheus counter ({@code name_total}): the sum of its flushes' counts since the series
 *       appeared; an interval's negative count (statsd allows {@code k:-1|c}) is left out, as a counter only grows;</li>
 *   <li>a gauge is a gauge with its last value;</li>
 *   <li>a timer is a summary: {@code _count} and {@code _sum} since the series appeared (sample rates applied: each
 *       sample weighs 1/rate) and, per positive percent threshold P, {@code quantile="P/100"} with Etsy's
 *       {@code upper_P} of the last flush that had samples; or, when a {@code gstatsd.histogram} entry matches its
 *       key, a histogram with a cumulative {@code le} bucket per bin (a sample equal to a limit counts in that
 *       bucket, as {@code le} says) and {@code +Inf};</li>
 *   <li>a set is a gauge: its distinct members in the last flush that had any (an idle interval leaves it).</li>
 * </ul>
 * A series is dropped once no line has written its key for {@code ttlMillis} (0: never), as statsd_exporter's TTL
 * does; a key written again later starts a new series (a counter from 0, which Prometheus reads as a reset). A key
 * whose name Prometheus already holds for another type, or whose name and labels another key already has
 * ({@code a.b} and {@code a-b} both escape to {@code a_b}), is left out and logged once. Client-stamped points
 * ({@code |T}) are left out, as the load sink leaves them.
 * <p>
 * Not thread-safe: the sink's worker folds flushes in and builds {@link MetricSnapshots}, which are immutable and
 * read by the scrapes.
 */
public final class CumulativeMetrics {

    private static final Logger LOG = Logger.getLogger(CumulativeMetrics.class.getName());
    private static final int CONFLICTS_LOGGED = 100;

    enum Kind { COUNTER, GAUGE, SUMMARY, HISTOGRAM }

    private static final class Series {
        final String family;
        final String text;
        final Labels labels;
        long lastWrittenMillis;
        /** A counter's total, a gauge's value. */
        double value;
        double count;
        double sum;
        /** A summary's quantiles, NaN until it has had samples. */
        double[] quantiles;
        /** A histogram's upper bounds, the last +Inf, and the weight of the samples in each (not cumulative). */
        double[] bounds;
        double[] buckets;

        Series(String family, SeriesName name, long now) {
            this.family = family;
            this.text = name.text();
            this.labels = Labels.of(name.labelNames(), name.labelValues());
            this.lastWrittenMillis = now;
        }
    }

    private static final class Family {
        final String name;
        final Kind kind;
        final Map<String, Series> series = new LinkedHashMap<>();

        Family(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }
    }

    private final double[] percents;
    private final List<HistogramBins> histograms;
    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Series> counters = new HashMap<>();
    private final Map<String, Series> gauges = new HashMap<>();
    private final Map<String, Series> timers = new HashMap<>();
    private final Map<String, Series> sets = new HashMap<>();
    /** By name, in output order. */
    private final Map<String, Family> families = new TreeMap<>();
    /** Every name the families write ({@code foo_total}, {@code foo_sum}...), so that no two write the same. */
    private final Map<String, Family> written = new HashMap<>();
    private int conflictsLogged;

    /**
     * @param percentThresholds timer percent thresholds; the positive ones become quantiles
     * @param histograms        {@code gstatsd.histogram}: timers whose key an entry matches are histograms
     * @param ttlMillis         how long a series stays after its key was last written; 0 for ever
     */
    public CumulativeMetrics(List<Double> percentThresholds, List<HistogramBins> histograms, long ttlMillis, Clock clock) {
        this.percents = percentThresholds.stream().mapToDouble(Double::doubleValue).filter(p -> p > 0).toArray();
        this.histograms = List.copyOf(histograms);
        if (ttlMillis < 0) {
            throw new IllegalArgumentException("ttlMillis must be >= 0, got " + ttlMillis);
        }
        this.ttlMillis = ttlMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Folds one flush in, then drops the series whose keys were not written for the TTL. */
    public void add(Snapshot snapshot) {
        long now = clock.millis();
        for (CounterValue counter : snapshot.counters()) {
            Series series = series(counters, counter.name(), Kind.COUNTER, now);
            if (series != null && counter.value() != 0) {
                series.lastWrittenMillis = now;
                series.value += Math.max(0, counter.value());
            }
        }
        for (GaugeValue gauge : snapshot.gauges()) {
            Series series = series(gauges, gauge.name(), Kind.GAUGE, now);
            if (series != null) {
                series.value = gauge.value();
                series.lastWrittenMillis = gauge.written() ? now : series.lastWrittenMillis;
            }
        }
        for (SetMembers set : snapshot.sets()) {
            Series series = series(sets, set.name(), Kind.GAUGE, now);
            if (series != null && set.count() > 0) {
                series.value = set.count();
                series.lastWrittenMillis = now;
            }
        }
        for (TimerSamples timer : snapshot.timers()) {
            HistogramBins bins = binsOf(timer.name());
            Series series = series(timers, timer.name(), bins == null ? Kind.SUMMARY : Kind.HISTOGRAM, now);
            if (series != null && !timer.idle()) {
                series.lastWrittenMillis = now;
                observe(series, timer, bins);
            }
        }
        expire(now);
    }

    private HistogramBins binsOf(String key) {
        for (HistogramBins entry : histograms) {
            if (entry.matches(key)) {
                return entry.bins().isEmpty() ? null : entry;
            }
        }
        return null;
    }

    /** The key's series, made on first sight; null when its name is taken (logged the first times). */
    private Series series(Map<String, Series> byKey, String key, Kind kind, long now) {
        Series series = byKey.get(key);
        if (series != null) {
            return series;
        }
        SeriesName name = SeriesNames.of(key);
        Family family = families.get(name.family());
        if (family == null) {
            for (String taken : writtenNames(name.family(), kind)) {
                Family holder = written.get(taken);
                if (holder != null) {
                    return conflict(key, taken + " is written by the " + holder.kind.name().toLowerCase(Locale.ROOT)
                            + " " + holder.name);
                }
            }
            family = new Family(name.family(), kind);
            families.put(family.name, family);
            for (String taken : writtenNames(family.name, kind)) {
                written.put(taken, family);
            }
        } else if (family.kind != kind) {
            return conflict(key, name.family() + " is already a " + family.kind.name().toLowerCase(Locale.ROOT));
        } else if (family.series.containsKey(name.text())) {
            return conflict(key, "another key is already the series " + name.text());
        }
        series = new Series(family.name, name, now);
        if (kind == Kind.SUMMARY) {
            series.quantiles = new double[percents.length];
            Arrays.fill(series.quantiles, Double.NaN);
        }
        family.series.put(series.text, series);
        byKey.put(key, series);
        return series;
    }

    /** The family's own name and the sample names it writes. */
    private static List<String> writtenNames(String family, Kind kind) {
        return switch (kind) {
            case COUNTER -> List.of(family, family + "_total");
            case GAUGE -> List.of(family);
            case SUMMARY -> List.of(family, family + "_sum", family + "_count");
            case HISTOGRAM -> List.of(family, family + "_bucket", family + "_sum", family + "_count");
        };
    }

    private Series conflict(String key, String why) {
        if (conflictsLogged < CONFLICTS_LOGGED) {
            conflictsLogged++;
            LOG.warning("gstatsd: the Prometheus sink leaves out the key " + key + ": " + why
                    + (conflictsLogged == CONFLICTS_LOGGED ? " (further such keys are not logged)" : ""));
        }
        return null;
    }

    private void observe(Series series, TimerSamples timer, HistogramBins bins) {
        double[] values = timer.sortedValues();
        double weight = timer.weightedCount() / values.length;
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        series.count += timer.weightedCount();
        series.sum += sum * weight;
        if (bins == null) {
            for (int q = 0; q < percents.length; q++) {
                series.quantiles[q] = upperPercentile(values, percents[q]);
            }
            return;
        }
        if (series.bounds == null) {
            series.bounds = bounds(bins.bins());
            series.buckets = new double[series.bounds.length];
        }
        int bucket = 0;
        for (double value : values) {
            while (value > series.bounds[bucket]) {
                bucket++;
            }
            series.buckets[bucket] += weight;
        }
    }

    /** Etsy's {@code upper_P}: the largest of the lowest P% of the samples (at least the lowest one). */
    static double upperPercentile(double[] sorted, double percent) {
        int inThreshold = (int) Math.floor(percent / 100 * sorted.length + 0.5);
        return sorted[Math.max(1, Math.min(sorted.length, inThreshold)) - 1];
    }

    private static double[] bounds(List<Double> bins) {
        double[] bounds = bins.stream().mapToDouble(Double::doubleValue).distinct().sorted().toArray();
        if (bounds[bounds.length - 1] != Double.POSITIVE_INFINITY) {
            bounds = Arrays.copyOf(bounds, bounds.length + 1);
            bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        }
        return bounds;
    }

    private void expire(long now) {
        if (ttlMillis == 0) {
            return;
        }
        for (Map<String, Series> byKey : List.of(counters, gauges, timers, sets)) {
            Iterator<Series> it = byKey.values().iterator();
            while (it.hasNext()) {
                Series series = it.next();
                if (now - series.lastWrittenMillis >= ttlMillis) {
                    it.remove();
                    Family family = families.get(series.family);
                    family.series.remove(series.text);
                    if (family.series.isEmpty()) {
                        families.remove(series.family);
                        writtenNames(family.name, family.kind).forEach(written::remove);
                    }
                }
            }
        }
    }

    /** The series held now. */
    public int size() {
        return counters.size() + gauges.size() + timers.size() + sets.size();
    }

    /** The exposition's content now, families by name. */
    public MetricSnapshots snapshots() {
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        for (Family family : families.values()) {
            snapshots.add(snapshot(family));
        }
        return new MetricSnapshots(snapshots);
    }

    private MetricSnapshot snapshot(Family family) {
        return switch (family.kind) {
            case COUNTER -> {
                CounterSnapshot.Builder out = CounterSnapshot.builder().name(family.name);
                family.series.values().forEach(s -> out.dataPoint(
                        CounterSnapshot.CounterDataPointSnapshot.builder().labels(s.labels).value(s.value).build()));
                yield out.build();
            }
            case GAUGE -> {
                GaugeSnapshot.Builder out = GaugeSnapshot.builder().name(family.name);
                family.series.values().forEach(s -> out.dataPoint(
                        GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(s.labels).value(s.value).build()));
                yield out.build();
            }
            case SUMMARY -> {
                SummarySnapshot.Builder out = SummarySnapshot.builder().name(family.name);
                family.series.values().forEach(s -> out.dataPoint(summaryPoint(s)));
                yield out.build();
            }
            case HISTOGRAM -> {
                HistogramSnapshot.Builder out = HistogramSnapshot.builder().name(family.name);
                family.series.values().forEach(s -> out.dataPoint(histogramPoint(s)));
                yield out.build();
            }
        };
    }

    private SummarySnapshot.SummaryDataPointSnapshot summaryPoint(Series series) {
        List<Quantile> quantiles = new ArrayList<>();
        for (int q = 0; q < percents.length; q++) {
            if (!Double.isNaN(series.quantiles[q])) {
                quantiles.add(new Quantile(quantile(percents[q]), series.quantiles[q]));
            }
        }
        return SummarySnapshot.SummaryDataPointSnapshot.builder().labels(series.labels)
                .quantiles(Quantiles.of(quantiles)).count(Math.round(series.count)).sum(series.sum).build();
    }

    /** 99.9 is 0.999, not 0.9990000000000001. */
    private static double quantile(double percent) {
        return BigDecimal.valueOf(percent).movePointLeft(2).doubleValue();
    }

    /**
     * Weighted counts are rounded cumulatively, so the buckets stay monotonic and {@code +Inf} is the rounded
     * count; a histogram with no samples yet has empty buckets.
     */
    private HistogramSnapshot.HistogramDataPointSnapshot histogramPoint(Series series) {
        HistogramSnapshot.HistogramDataPointSnapshot.Builder point =
                HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(series.labels);
        if (series.bounds == null) {
            return point.classicHistogramBuckets(ClassicHistogramBuckets.of(
                    new double[] {Double.POSITIVE_INFINITY}, new long[] {0})).sum(0).build();
        }
        long[] counts = new long[series.buckets.length];
        double cumulative = 0;
        long previous = 0;
        for (int b = 0; b < counts.length; b++) {
            cumulative += series.buckets[b];
            long rounded = Math.round(cumulative);
            counts[b] = rounded - previous;
            previous = rounded;
        }
        return point.classicHistogramBuckets(ClassicHistogramBuckets.of(series.bounds, counts)).sum(series.sum).build();
    }
}
