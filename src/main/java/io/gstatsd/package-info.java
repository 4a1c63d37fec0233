/**
 * gstatsd: a statsd server on Jakarta EE.
 * <p>
 * A datagram's way: {@code ingest} receives it and parses each line into a receiver's own shard,
 * {@code aggregate} swaps the shards out at each flush and merges them into an immutable snapshot,
 * {@code flush} hands the snapshot to every sink, {@code graphite} formats it as Etsy statsd names it
 * and writes it to carbon, {@code load} keeps per-minute frames for the HTTP load answers.
 * {@code configuration} reads and validates every setting once; {@code vocabulary} holds the statsd words
 * all of them share; {@code client} is the Java client. Imports run the same way as the datagram.
 * Only {@code boundary} packages touch Jakarta EE or MicroProfile.
 */
package io.gstatsd;
