package io.gstatsd.load.entity;

/**
 * What the live page asks for: the keys starting with {@code startsWith} (all for an empty one; a partly typed
 * name already matches), ordered by rate or by name, at most {@code limit} rows, so that a page over 10,000
 * keys gets a few hundred rows and the filtering and ordering happen on the server.
 */
public record LiveQuery(String startsWith, Order order, int limit) {

    public static final int DEFAULT_LIMIT = 300;
    public static final int MAX_LIMIT = 1000;

    /** By rate: the per-second rate over the last minute, highest first (counters and timers; then the rest by name). */
    public enum Order { RATE, NAME }

    public LiveQuery {
        startsWith = startsWith == null ? "" : startsWith;
        if (order == null || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("bad live query: " + order + ", limit " + limit);
        }
    }

    /** What is wrong with these request parameters, in one line, or null when nothing is (null means default). */
    public static String problem(String order, String limit) {
        if (order != null && !order.equals("rate") && !order.equals("name")) {
            return "sort must be rate or name, got \"" + order + "\"";
        }
        if (limit != null && !limit.matches("[0-9]{1,4}")
                || limit != null && (Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT)) {
            return "limit must be 1 to " + MAX_LIMIT + ", got \"" + limit + "\"";
        }
        return null;
    }

    /** The query for request parameters that have no {@link #problem}. */
    public static LiveQuery of(String startsWith, String order, String limit) {
        return new LiveQuery(startsWith, "name".equals(order) ? Order.NAME : Order.RATE,
                limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit));
    }
}
