/**
 * The statsd vocabulary every capability may use, and which uses none of them: why a line is bad, the
 * callback a parsed metric goes to, key sanitising and the canonical form of a key's tags, the number text and metric names shared by Graphite and
 * the load answers, Etsy's epoch-second rounding and percent suffixes.
 */
package io.gstatsd.vocabulary;
