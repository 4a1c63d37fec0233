package io.gstatsd.bench;

import java.nio.charset.StandardCharsets;

/**
 * Datagrams shaped as ../shared/bench/blast sends them: 25 lines of {@code prefix.c.N:1|c}, or a mix of
 * types; or as java-dogstatsd-client sends them, tagged and with its extra fields.
 */
final class Datagrams {

    private Datagrams() {
    }

    static byte[][] counters(int count, int linesPerDatagram, int keys) {
        return build(count, linesPerDatagram, keys, false);
    }

    static byte[][] mix(int count, int linesPerDatagram, int keys) {
        return build(count, linesPerDatagram, keys, true);
    }

    /** Counters and distributions with DogStatsD tags, a container ID and external data on every line. */
    static byte[][] dogStatsD(int count, int linesPerDatagram, int keys) {
        byte[][] datagrams = new byte[count][];
        long line = 0;
        for (int d = 0; d < count; d++) {
            StringBuilder text = new StringBuilder(linesPerDatagram * 80);
            for (int l = 0; l < linesPerDatagram; l++, line++) {
                if (l > 0) {
                    text.append('\n');
                }
                long key = (line * 7919) % keys;
                if (line % 2 == 0) {
                    text.append("bench.c.").append(key).append(":1|c|#env:prod,region:eu|c:abc123|e:it-false,cn-app");
                } else {
                    text.append("bench.d.").append(key).append(':').append((line * 7919) % 1000)
                            .append("|d|#env:prod,region:eu|c:abc123|e:it-false,cn-app");
                }
            }
            datagrams[d] = text.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return datagrams;
    }

    private static byte[][] build(int count, int linesPerDatagram, int keys, boolean mix) {
        byte[][] datagrams = new byte[count][];
        long line = 0;
        for (int d = 0; d < count; d++) {
            StringBuilder text = new StringBuilder(linesPerDatagram * 24);
            for (int l = 0; l < linesPerDatagram; l++, line++) {
                if (l > 0) {
                    text.append('\n');
                }
                long key = (line * 7919) % keys;
                switch (mix ? (int) (line % 4) : 0) {
                    case 0 -> text.append("bench.c.").append(key).append(":1|c");
                    case 1 -> text.append("bench.t.").append(key).append(':').append((line * 7919) % 1000).append("|ms");
                    case 2 -> text.append("bench.g.").append(key).append(':').append(line % 1000).append("|g");
                    default -> text.append("bench.s.").append(key).append(':').append(line % 1000).append("|s");
                }
            }
            datagrams[d] = text.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return datagrams;
    }
}
