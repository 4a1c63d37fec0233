package io.gstatsd.ingest.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Datagrams exactly as real clients sent them, each mapped to the metrics its user means. Captured on
 * 2026-11-25 by running the clients against a loopback UDP socket (the programs and how to run them are in
 * {@code src/test/dialects/}): python3-statsd 4.0.1 (Debian), hot-shots 17.1.1 (npm), Micrometer's StatsD
 * registry 1.17.2 in its ETSY, DATADOG, TELEGRAF and SYSDIG flavors, java-dogstatsd-client 4.4.5 (with
 * {@code DD_EXTERNAL_ENV=it-false,cn-app}, a container ID and tag cardinality set). Keys are shown in the
 * canonical Graphite form the aggregation gives them.
 */
class ClientDialectsTest {

    static Stream<Arguments> capturedDatagrams() {
        return Stream.of(
                // python3-statsd 4.0.1
                arguments("python-statsd", "app.py.hits:1|c", List.of("app.py.hits c 1.0 @1.0")),
                arguments("python-statsd", "app.py.hits:3|c|@0.5", List.of("app.py.hits c 3.0 @0.5")),
                arguments("python-statsd", "app.py.rare:1|c|@1e-05", List.of("app.py.rare c 1.0 @1.0E-5")),
                arguments("python-statsd", "app.py.hits:-2|c", List.of("app.py.hits c -2.0 @1.0")),
                arguments("python-statsd", "app.py.rt:12.500000|ms", List.of("app.py.rt ms 12.5 @1.0")),
                arguments("python-statsd", "app.py.rt:7.000000|ms|@0.25", List.of("app.py.rt ms 7.0 @0.25")),
                arguments("python-statsd", "app.py.temp:21.5|g", List.of("app.py.temp g 21.5")),
                arguments("python-statsd", "app.py.temp:-3|g", List.of("app.py.temp g delta -3.0")),
                arguments("python-statsd", "app.py.temp:0|g\napp.py.temp:-4|g", List.of("app.py.temp g 0.0", "app.py.temp g delta -4.0")),
                arguments("python-statsd", "app.py.users:alice|s", List.of("app.py.users s [alice]")),
                arguments("python-statsd", "app.py.piped:1|c\napp.py.piped_rt:3.000000|ms",
                        List.of("app.py.piped c 1.0 @1.0", "app.py.piped_rt ms 3.0 @1.0")),
                // hot-shots 17.1.1, DogStatsD mode (global tag env:prod)
                arguments("hot-shots", "hs.hits:1|c|#env:prod,region:eu,canary", List.of("hs.hits;canary=true;env=prod;region=eu c 1.0 @1.0")),
                arguments("hot-shots", "hs.rt:12|ms|#env:prod,region:eu", List.of("hs.rt;env=prod;region=eu ms 12.0 @1.0")),
                arguments("hot-shots", "hs.size:12.5|d|#env:prod,region:eu", List.of("hs.size;env=prod;region=eu ms 12.5 @1.0")),
                arguments("hot-shots", "hs.hist:3|h|#env:prod", List.of("hs.hist;env=prod ms 3.0 @1.0")),
                arguments("hot-shots", "hs.temp:21.5|g|#env:prod,region:eu", List.of("hs.temp;env=prod;region=eu g 21.5")),
                arguments("hot-shots", "hs.users:alice|s|#env:prod", List.of("hs.users;env=prod s [alice]")),
                arguments("hot-shots", "hs.sampled:1|c|@0.5|#env:prod,region:eu", List.of("hs.sampled;env=prod;region=eu c 1.0 @0.5")),
                // hot-shots 17.1.1, telegraf mode
                arguments("hot-shots telegraf", "hs.tg.hits,env=prod,region=eu:1|c", List.of("hs.tg.hits;env=prod;region=eu c 1.0 @1.0")),
                arguments("hot-shots telegraf", "hs.tg.rt,env=prod,region=eu:12|ms", List.of("hs.tg.rt;env=prod;region=eu ms 12.0 @1.0")),
                arguments("hot-shots telegraf", "hs.tg.temp,env=prod:21.5|g", List.of("hs.tg.temp;env=prod g 21.5")),
                // Micrometer 1.17.2, common tag env=prod; counter, timer, distribution summary, gauge
                arguments("micrometer ETSY", "ordersPlaced.env.prod.region.eu.statistic.count:1|c",
                        List.of("ordersPlaced.env.prod.region.eu.statistic.count c 1.0 @1.0")),
                arguments("micrometer ETSY", "httpLatency.env.prod.region.eu:12|ms", List.of("httpLatency.env.prod.region.eu ms 12.0 @1.0")),
                arguments("micrometer ETSY", "payloadSize.env.prod.region.eu:512.5|h", List.of("payloadSize.env.prod.region.eu ms 512.5 @1.0")),
                arguments("micrometer ETSY", "queueDepth.env.prod.region.eu.statistic.value:7|g",
                        List.of("queueDepth.env.prod.region.eu.statistic.value g 7.0")),
                arguments("micrometer DATADOG", "orders.placed:2|c|#statistic:count,env:prod,region:eu",
                        List.of("orders.placed;env=prod;region=eu;statistic=count c 2.0 @1.0")),
                arguments("micrometer DATADOG", "http.latency:12|ms|#env:prod,region:eu", List.of("http.latency;env=prod;region=eu ms 12.0 @1.0")),
                arguments("micrometer DATADOG", "payload.size:512.5|h|#env:prod,region:eu", List.of("payload.size;env=prod;region=eu ms 512.5 @1.0")),
                arguments("micrometer DATADOG", "queue.depth:7|g|#statistic:value,env:prod,region:eu",
                        List.of("queue.depth;env=prod;region=eu;statistic=value g 7.0")),
                arguments("micrometer TELEGRAF", "orders_placed,statistic=count,env=prod,region=eu:1|c",
                        List.of("orders_placed;env=prod;region=eu;statistic=count c 1.0 @1.0")),
                arguments("micrometer TELEGRAF", "http_latency,env=prod,region=eu:12|ms", List.of("http_latency;env=prod;region=eu ms 12.0 @1.0")),
                arguments("micrometer TELEGRAF", "payload_size,env=prod,region=eu:512.5|h", List.of("payload_size;env=prod;region=eu ms 512.5 @1.0")),
                arguments("micrometer TELEGRAF", "queue_depth,statistic=value,env=prod,region=eu:7|g",
                        List.of("queue_depth;env=prod;region=eu;statistic=value g 7.0")),
                arguments("micrometer SYSDIG", "orders.placed#statistic=count,env=prod,region=eu:2|c",
                        List.of("orders.placed;env=prod;region=eu;statistic=count c 2.0 @1.0")),
                arguments("micrometer SYSDIG", "http.latency#env=prod,region=eu:12|ms", List.of("http.latency;env=prod;region=eu ms 12.0 @1.0")),
                arguments("micrometer SYSDIG", "payload.size#env=prod,region=eu:512.5|h", List.of("payload.size;env=prod;region=eu ms 512.5 @1.0")),
                arguments("micrometer SYSDIG", "queue.depth#statistic=value,env=prod,region=eu:7|g",
                        List.of("queue.depth;env=prod;region=eu;statistic=value g 7.0")),
                // java-dogstatsd-client 4.4.5 (constant tag env:prod, external data from DD_EXTERNAL_ENV)
                arguments("java-dogstatsd-client", "dd.rt:12|ms|#env:prod,region:eu|e:it-false,cn-app\n"
                                + "dd.size:12.5|d|#env:prod,region:eu|e:it-false,cn-app\n"
                                + "dd.hist:3|h|#env:prod|e:it-false,cn-app\n"
                                + "dd.stamped:7|c|T1795619311|#env:prod,region:eu|e:it-false,cn-app\n"
                                + "dd.stamped_temp:5.5|g|T1795619311|#env:prod|e:it-false,cn-app\n",
                        List.of("dd.rt;env=prod;region=eu ms 12.0 @1.0", "dd.size;env=prod;region=eu ms 12.5 @1.0",
                                "dd.hist;env=prod ms 3.0 @1.0", "dd.stamped;env=prod;region=eu c 7.0 @1.0 T1795619311",
                                "dd.stamped_temp;env=prod g 5.5 T1795619311")),
                arguments("java-dogstatsd-client", "dd.hits:3|c|#env:prod,region:eu|e:it-false,cn-app\n",
                        List.of("dd.hits;env=prod;region=eu c 3.0 @1.0")),
                arguments("java-dogstatsd-client", "dd.users:alice|s|#env:prod|e:it-false,cn-app\n", List.of("dd.users;env=prod s [alice]")),
                arguments("java-dogstatsd-client", "dd.temp:21.5|g|#env:prod,region:eu|e:it-false,cn-app\n",
                        List.of("dd.temp;env=prod;region=eu g 21.5")),
                arguments("java-dogstatsd-client", "dd.hits:1|c|#env:prod,canary,region:eu|e:it-false,cn-app\n",
                        List.of("dd.hits;canary=true;env=prod;region=eu c 1.0 @1.0")),
                arguments("java-dogstatsd-client", "dd.cid:1|c|#region:eu|c:abc123|e:it-false,cn-app\n", List.of("dd.cid;region=eu c 1.0 @1.0")),
                arguments("java-dogstatsd-client", "dd.card:2|c|@1.000000|#region:eu|card:low|c:abc123|e:it-false,cn-app\n"
                                + "dd.card_temp:4|g|@1.000000|#region:eu|card:high|c:abc123|e:it-false,cn-app\n"
                                + "dd.card_stamped:7|c|T1795619311|#region:eu|card:low|c:abc123|e:it-false,cn-app\n",
                        List.of("dd.card;region=eu c 2.0 @1.0", "dd.card_temp;region=eu g 4.0",
                                "dd.card_stamped;region=eu c 7.0 @1.0 T1795619311"))
        );
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("capturedDatagrams")
    void everyLineARealClientSendsCountsUnderTheNameItsUserMeans(String client, String datagram, List<String> expected) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        RecordingConsumer out = new RecordingConsumer();
        new LineParser().parse(bytes, 0, bytes.length, out);
        assertEquals(expected, out.metrics);
        assertEquals(List.of(), out.bad);
        assertEquals(0, out.unknownFields);
    }
}
