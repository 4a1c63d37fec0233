package io.gstatsd.prometheus.control;

import io.gstatsd.prometheus.entity.SeriesName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeriesNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "api.rt|api_rt",
        "api.rt-ms|api_rt_ms",
        "a..b|a__b",
        "5xx.count|_5xx_count",
        "already_fine_9|already_fine_9",
        "ns:sub|ns_sub",
        "naïve.ünits|na_ve__nits",
        "emoji😀x|emoji_x",
        "statsd.bad_lines_seen|statsd_bad_lines_seen",
    })
    void namesAreEscapedAsStatsdExporterEscapesThem(String key, String family) {
        assertEquals(family, SeriesNames.of(key).family());
        assertEquals(List.of(), SeriesNames.of(key).labelNames());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "api.hits;env=prod;region=eu|api_hits|env=prod,region=eu",
        "api.hits;canary=true|api_hits|canary=true",
        "h;host.name=web-1.example|h|host_name=web-1.example",
        "h;le=5;quantile=0.9|h|exported_le=5,exported_quantile=0.9",
        "h;__name__=x;__meta=y|h|_meta=y,_name__=x",
        "h;9lives=cat|h|_9lives=cat",
        "h;a-b=1;a.b=2|h|a_b=2",
        "h;k=v=w|h|k=v=w",
        "h;k=|h|k=",
    })
    void tagsBecomeLabelsWithEscapedNamesAndValuesAsSent(String key, String family, String labels) {
        SeriesName name = SeriesNames.of(key);
        assertEquals(family, name.family());
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < name.labelNames().size(); i++) {
            pairs.add(name.labelNames().get(i) + "=" + name.labelValues().get(i));
        }
        assertEquals(Arrays.asList(labels.split(",")), pairs);
    }
}
