package io.gstatsd.it;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus text format read by a real parser: the Python client's {@code text_string_to_metric_families}
 * (Debian's python3-prometheus-client, which {@code .ci/run} installs), run as {@code /usr/bin/python3}. A text it
 * cannot parse fails the test with the parser's message.
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, List<Sample> samples) {
    }

    private static final String PARSER = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            families = [{"name": f.name, "type": f.type,
                         "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]}
                        for f in text_string_to_metric_families(sys.stdin.read())]
            json.dump(families, sys.stdout)
            """;
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final List<Family> families;

    private PrometheusText(List<Family> families) {
        this.families = families;
    }

    static PrometheusText parse(String text) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", PARSER).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new AssertionError("the Prometheus text parser refused the text: " + err + "\n" + text);
        }
        List<Family> families = new ArrayList<>();
        for (JsonNode family : JSON.readTree(out)) {
            List<Sample> samples = new ArrayList<>();
            for (JsonNode sample : family.get("samples")) {
                Map<String, String> labels = new LinkedHashMap<>();
                sample.get("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
                samples.add(new Sample(sample.get("name").asText(), labels, sample.get("value").asDouble()));
            }
            families.add(new Family(family.get("name").asText(), family.get("type").asText(), samples));
        }
        return new PrometheusText(families);
    }

    List<Family> families() {
        return families;
    }

    /** The family's type as the parser read it ({@code counter}, {@code summary}...), or null when it is absent. */
    String type(String family) {
        return families.stream().filter(f -> f.name().equals(family)).map(Family::type).findFirst().orElse(null);
    }

    /** The one sample of that name with exactly these labels; fails when there is none. */
    double value(String sample, Map<String, String> labels) {
        return families.stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sample) && s.labels().equals(labels))
                .mapToDouble(Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample + labels + " in " + families));
    }

    /** Whether a sample of that name with exactly these labels is there. */
    boolean has(String sample, Map<String, String> labels) {
        return families.stream().flatMap(f -> f.samples().stream())
                .anyMatch(s -> s.name().equals(sample) && s.labels().equals(labels));
    }

    /** Every sample name with its labels, for a test that compares the whole content. */
    Map<String, Double> all() {
        Map<String, Double> all = new java.util.TreeMap<>();
        for (Family family : families) {
            for (Sample sample : family.samples()) {
                all.put(sample.name() + new java.util.TreeMap<>(sample.labels()), sample.value());
            }
        }
        return all;
    }
}
