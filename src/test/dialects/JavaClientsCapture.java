import io.micrometer.core.instrument.*;
import io.micrometer.statsd.*;
import com.timgroup.statsd.*;
import java.net.*;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

public class JavaClientsCapture {
    public static void main(String[] a) throws Exception {
        DatagramSocket sock = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        int port = sock.getLocalPort();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try { sock.receive(p); } catch (Exception e) { return; }
                System.out.println("RECV " + new String(p.getData(), 0, p.getLength()).replace("\n", "\\n"));
            }
        });
        t.setDaemon(true); t.start();
        for (StatsdFlavor flavor : StatsdFlavor.values()) {
            System.out.println("== micrometer " + flavor);
            StatsdConfig config = new StatsdConfig() {
                public String get(String k) { return null; }
                public StatsdFlavor flavor() { return flavor; }
                public int port() { return port; }
                public String host() { return "127.0.0.1"; }
                public Duration pollingFrequency() { return Duration.ofMillis(200); }
                public boolean buffered() { return false; }
            };
            StatsdMeterRegistry r = new StatsdMeterRegistry(config, Clock.SYSTEM);
            r.config().commonTags("env", "prod");
            Thread.sleep(1500);
            Counter c = Counter.builder("orders.placed").tag("region", "eu").register(r);
            c.increment(); c.increment(2);
            Timer tm = Timer.builder("http.latency").tag("region", "eu").register(r);
            tm.record(12, TimeUnit.MILLISECONDS);
            DistributionSummary ds = DistributionSummary.builder("payload.size").tag("region", "eu").register(r);
            ds.record(512.5);
            java.util.concurrent.atomic.AtomicInteger g = r.gauge("queue.depth", Tags.of("region", "eu"), new java.util.concurrent.atomic.AtomicInteger(7));
            Thread.sleep(700);
            r.close();
            Thread.sleep(200);
        }
        System.out.println("== dogstatsd");
        StatsDClient dd = new NonBlockingStatsDClientBuilder().hostname("127.0.0.1").port(port)
                .constantTags("env:prod").enableTelemetry(false).originDetectionEnabled(true).errorHandler(e -> e.printStackTrace()).build();
        dd.count("dd.hits", 1, "region:eu", "canary");
        dd.count("dd.hits", 3, 0.5, "region:eu");
        dd.recordExecutionTime("dd.rt", 12, "region:eu");
        dd.recordDistributionValue("dd.size", 12.5, "region:eu");
        dd.recordHistogramValue("dd.hist", 3);
        dd.gauge("dd.temp", 21.5, "region:eu");
        dd.recordSetValue("dd.users", "alice");
        dd.countWithTimestamp("dd.stamped", 7, 1795619311L, "region:eu");
        dd.gaugeWithTimestamp("dd.stamped_temp", 5.5, 1795619311L);
        Thread.sleep(3000);
        dd.stop();
        StatsDClient dd2 = new NonBlockingStatsDClientBuilder().hostname("127.0.0.1").port(port)
                .enableTelemetry(false).containerID("abc123").errorHandler(e -> e.printStackTrace()).build();
        dd2.count("dd.cid", 1, "region:eu");
        Thread.sleep(3000);
        dd2.stop();
        StatsDClient dd3 = new NonBlockingStatsDClientBuilder().hostname("127.0.0.1").port(port)
                .enableTelemetry(false).enableAggregation(false).containerID("abc123")
                .tagsCardinality(TagsCardinality.LOW).errorHandler(e -> e.printStackTrace()).build();
        dd3.count("dd.card", 2, 1.0, "region:eu");
        dd3.gauge("dd.card_temp", 4, 1.0, TagsCardinality.HIGH, "region:eu");
        dd3.countWithTimestamp("dd.card_stamped", 7, 1795619311L, "region:eu");
        Thread.sleep(1000);
        dd3.stop();
        Thread.sleep(3000);
    }
}
