package io.gstatsd.load.entity;

import java.util.List;
import java.util.Optional;

/**
 * A load window: the last {@code minutes} (1, 5 or 15) up to the last flush, the current partial minute
 * included, or with {@code full} the last {@code minutes} complete wall-clock minutes only.
 */
public record WindowSpec(int minutes, boolean full) {

    public static final List<Integer> MINUTES = List.of(1, 5, 15);

    public WindowSpec {
        if (!MINUTES.contains(minutes)) {
            throw new IllegalArgumentException("minutes must be 1, 5 or 15, got " + minutes);
        }
    }

    /** @return the window for a path segment such as "5", or empty when it is not 1, 5 or 15 */
    public static Optional<WindowSpec> parse(String minutes, boolean full) {
        return switch (minutes) {
            case "1", "5", "15" -> Optional.of(new WindowSpec(Integer.parseInt(minutes), full));
            default -> Optional.empty();
        };
    }

    public static List<WindowSpec> all() {
        return MINUTES.stream().flatMap(m -> List.of(new WindowSpec(m, false), new WindowSpec(m, true)).stream()).toList();
    }
}
