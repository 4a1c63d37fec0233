package io.gstatsd.vocabulary.entity;

/** Why a metric in a line was skipped; each reason is counted on its own. */
public enum BadLine {
    /** {@code key} without {@code :value|type}. */
    NO_VALUE,
    /** {@code key:value} without {@code |type}. */
    NO_TYPE,
    UNKNOWN_TYPE,
    /** Not a finite decimal number (NaN, Infinity, hex, empty), or a negative timer. */
    BAD_VALUE,
    /** Not {@code @} followed by a positive decimal number. */
    BAD_SAMPLE_RATE,
    /** Nothing left of the key after sanitising. */
    EMPTY_KEY,
    /** A new key beyond {@code gstatsd.max-keys}. */
    TOO_MANY_KEYS
}
