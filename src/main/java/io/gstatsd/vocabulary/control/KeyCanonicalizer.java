package io.gstatsd.vocabulary.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one name a key is counted and written under, whatever dialect carried its tags. A raw key is what
 * the parser hands over: {@code name[<sep>tag...][:dogTags]}, where
 * <ul>
 *   <li>{@code <sep>} is {@code ,} (Telegraf, {@code name,env=prod}), {@code #} (Sysdig, {@code name#env=prod})
 *       or {@code ;} (Graphite, {@code name;env=prod}, as Etsy passes it on), each tag {@code k=v};</li>
 *   <li>{@code dogTags} are the DogStatsD tags of the line ({@code |#env:prod,canary}), each {@code k:v} or bare,
 *       after a {@code :}, which a key's own bytes never hold.</li>
 * </ul>
 * The canonical Graphite form is {@code name;k1=v1;k2=v2}, tags ordered as carbon's {@code TaggedSeries}
 * orders them (by the text {@code k=v}), so every spelling of a series is one key here and one series in
 * carbon. Within carbon's tag rules: a name and each tag name and value are sanitised as Etsy sanitises keys
 * ({@link KeySanitizer}), with {@code ;} dropped everywhere and {@code =} dropped from tag names; a bare tag
 * ({@code canary}) is written {@code canary=true} (carbon refuses a tag without a value); a tag named
 * {@code name} is written {@code _name} (carbon would replace it by the metric's name); a tag whose name or
 * value is empty after sanitising is left out; of several tags with one name the last sent wins, as in
 * carbon's own parser.
 * <p>
 * Called once per distinct raw key, when a key table first sees it, so it may allocate. Stateless.
 */
public final class KeyCanonicalizer {

    private static final byte DOG_TAGS = ':';
    /** The bytes a name keeps as they are and that start no tag: what {@link #isOwnName} allows. */
    private static final boolean[] OWN_NAME_BYTES = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            OWN_NAME_BYTES[c] = c != ';' && KeySanitizer.isKept((byte) c);
        }
    }

    private KeyCanonicalizer() {
    }

    /**
     * Whether the key is already its canonical name in every tag mode: not empty, no tags, nothing to sanitise.
     * Most keys are, and one table look-up a byte tells it: the first sighting of such a key skips the name's
     * five scans and goes straight to its String (with the key table's faster hashes, a first sighting over
     * 10,000 keys went from 300-382 to 249-250 ns, FirstSightingBenchmark, 2026-11-25).
     */
    public static boolean isOwnName(byte[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!OWN_NAME_BYTES[buf[i] & 0xff]) {
                return false;
            }
        }
        return length > 0;
    }

    /** {@code name;k=v;...}: a Graphite tagged series; "" when nothing is left of the name. */
    public static String graphiteTagged(byte[] buf, int offset, int length) {
        String name = name(buf, offset, length);
        if (name.isEmpty() || !hasTags(buf, offset, length)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name);
        for (String[] tag : sortedTags(buf, offset, length)) {
            out.append(';').append(tag[0]).append('=').append(tag[1]);
        }
        return out.toString();
    }

    /** The name alone: every tag combination of a name counts as the name. */
    public static String untagged(byte[] buf, int offset, int length) {
        return name(buf, offset, length);
    }

    /**
     * {@code name.k_v...}, tags in the Graphite order, for Graphite without a tag database; a dot inside a tag
     * becomes {@code _} so that each tag is one node of the tree.
     */
    public static String tagsInName(byte[] buf, int offset, int length) {
        String name = name(buf, offset, length);
        if (name.isEmpty() || !hasTags(buf, offset, length)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name);
        for (String[] tag : sortedTags(buf, offset, length)) {
            out.append('.').append(tag[0].replace('.', '_')).append('_').append(tag[1].replace('.', '_'));
        }
        return out.toString();
    }

    /**
     * The key as Etsy statsd keeps it with {@code keyNameSanitize: false}: the name as it came (UTF-8), then
     * each DogStatsD tag as {@code ;k=v} in the order sent (Etsy replaces a tag's first ';' by '_' and its first
     * ':' by '='), nothing sanitised; its Graphite backend sanitises the name part when it writes it.
     */
    public static String etsyUnsanitized(byte[] buf, int offset, int length) {
        int end = offset + length;
        int dogTags = indexOf(buf, DOG_TAGS, offset, end);
        StringBuilder out = new StringBuilder(new String(buf, offset, dogTags - offset, StandardCharsets.UTF_8));
        if (dogTags < end) {
            for (String tag : new String(buf, dogTags + 1, end - dogTags - 1, StandardCharsets.UTF_8).split(",", -1)) {
                out.append(';').append(tag.replaceFirst(";", "_").replaceFirst(":", "="));
            }
        }
        return out.toString();
    }

    /**
     * Whether anything follows the name. Most keys have no tags: returning the name alone spares a new key the
     * builder, map, list and sort of the tag path (188 to 56 bytes, ~30 ns of a first sighting).
     */
    private static boolean hasTags(byte[] buf, int offset, int length) {
        int end = offset + length;
        return indexOf(buf, DOG_TAGS, offset, end) < end || nameEnd(buf, offset, end) < end;
    }

    private static String name(byte[] buf, int offset, int length) {
        int end = offset + length;
        int nameEnd = nameEnd(buf, offset, indexOf(buf, DOG_TAGS, offset, end));
        return KeySanitizer.sanitize(buf, offset, nameEnd - offset);
    }

    private static List<String[]> sortedTags(byte[] buf, int offset, int length) {
        int end = offset + length;
        int dogTags = indexOf(buf, DOG_TAGS, offset, end);
        Map<String, String> tags = new HashMap<>();
        int nameEnd = nameEnd(buf, offset, dogTags);
        if (nameEnd < dogTags) {
            collect(buf, nameEnd + 1, dogTags, true, tags);
        }
        if (dogTags < end) {
            collect(buf, dogTags + 1, end, false, tags);
        }
        List<String[]> sorted = new ArrayList<>(tags.size());
        tags.forEach((tag, value) -> sorted.add(new String[]{tag, value}));
        sorted.sort((a, b) -> (a[0] + '=' + a[1]).compareTo(b[0] + '=' + b[1]));
        return sorted;
    }

    /**
     * Adds each tag of {@code [start, end)}: separated by any of {@code ,;#} in a name (whose tags are
     * {@code k=v}), by {@code ,} in DogStatsD's list (whose tags are {@code k:v}).
     */
    private static void collect(byte[] buf, int start, int end, boolean inName, Map<String, String> tags) {
        int tagStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || buf[i] == ',' || (inName && (buf[i] == ';' || buf[i] == '#'))) {
                add(buf, tagStart, i, inName ? (byte) '=' : (byte) ':', tags);
                tagStart = i + 1;
            }
        }
    }

    private static void add(byte[] buf, int start, int end, byte separator, Map<String, String> tags) {
        if (start >= end) {
            return;
        }
        int split = indexOf(buf, separator, start, end);
        String tag = KeySanitizer.sanitize(buf, start, split - start).replace(";", "").replace("=", "");
        String value = split == end ? "true" : KeySanitizer.sanitize(buf, split + 1, end - split - 1).replace(";", "");
        if (tag.isEmpty() || value.isEmpty()) {
            return;
        }
        if (tag.equals("name")) {
            tag = "_name";
        }
        tags.put(tag, value);
    }

    /** Where the name ends: at its first tag separator, or at the DogStatsD tags. */
    private static int nameEnd(byte[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf[i] == ',' || buf[i] == ';' || buf[i] == '#') {
                return i;
            }
        }
        return end;
    }

    private static int indexOf(byte[] buf, byte c, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return end;
    }
}
