package io.gstatsd.aggregate.entity;

import io.gstatsd.vocabulary.entity.BadLine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The server's own counts since start-up, as of the last flush (the receivers' shards are read only when a
 * flush swaps them out, so nothing is added to the receive path): the cumulative figures of the telemetry
 * endpoint. Immutable.
 *
 * @param packets       datagrams (and TCP reads that completed lines) received
 * @param lines         metric lines received, bad ones included (Etsy's {@code metrics_received})
 * @param badLines      lines skipped, by reason; {@link BadLine#TOO_MANY_KEYS} is {@code keysOverLimit} instead
 * @param unknownFields fields after a type that the parser does not know
 * @param keysOverLimit lines for new keys refused at {@code gstatsd.max-keys}
 * @param kernelDrops   datagrams the kernel dropped on our UDP sockets since the first flush
 * @param keysLive      keys alive now, across all types
 * @param maxKeys       {@code gstatsd.max-keys}
 */
public record ServerTotals(long packets, long lines, Map<BadLine, Long> badLines, long unknownFields,
                           long keysOverLimit, long kernelDrops, int keysLive, int maxKeys) {

    public ServerTotals {
        badLines = Collections.unmodifiableMap(new EnumMap<>(badLines));
    }

    public long badLines(BadLine reason) {
        return badLines.getOrDefault(reason, 0L);
    }
}
