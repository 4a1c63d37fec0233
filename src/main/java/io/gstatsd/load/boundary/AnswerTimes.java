package io.gstatsd.load.boundary;

import io.gstatsd.load.entity.WindowSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;

/**
 * How long the load sink takes to answer, for the telemetry at {@code /metrics}: a MicroProfile timer per
 * answer ({@code answer="5"}, {@code "5/full"}, {@code "live"}), only for answers given (a 404 or 400 is not
 * timed, so a scanner cannot make new series).
 */
@ApplicationScoped
public class AnswerTimes {

    private static final Metadata METADATA = Metadata.builder().withName("gstatsd_load_answer").withUnit(MetricUnits.NANOSECONDS)
            .withDescription("the load sink's HTTP answers: the answer formatted from the last flush's view").build();

    @Inject
    MetricRegistry registry;

    void window(WindowSpec window, long startedNanos) {
        record(window.minutes() + (window.full() ? "/full" : ""), startedNanos);
    }

    void live(long startedNanos) {
        record("live", startedNanos);
    }

    private void record(String answer, long startedNanos) {
        registry.timer(METADATA, new Tag("answer", answer)).update(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
