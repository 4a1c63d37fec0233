package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The harness itself against the real carbon-cache: what is written over plaintext is read back exactly. */
class CarbonIT {

    @Test
    void pointsWrittenOverPlaintextAreReadBackAtTheirTimestampsAlsoAfterARestart() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        try (Carbon carbon = Carbon.start(Path.of("target/carbon-harness"))) {
            write(carbon, "harness.a 1.5 " + (now - 3) + "\nharness.a 2 " + (now - 2) + "\n");
            SortedMap<Long, Double> points = carbon.awaitPoints("harness.a", now - 10, now + 1,
                    p -> p.size() == 2, Duration.ofSeconds(20));
            assertEquals(Map.of(now - 3, 1.5, now - 2, 2.0), points);

            carbon.stop();
            carbon.restart();
            write(carbon, "harness.a 7 " + (now - 1) + "\n");
            points = carbon.awaitPoints("harness.a", now - 10, now + 1, p -> p.size() == 3, Duration.ofSeconds(20));
            assertEquals(Map.of(now - 3, 1.5, now - 2, 2.0, now - 1, 7.0), points);
        }
    }

    private static void write(Carbon carbon, String lines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), carbon.linePort());
             OutputStream out = socket.getOutputStream()) {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
        }
    }
}
