package io.gstatsd.vocabulary.control;

import java.nio.charset.StandardCharsets;

/**
 * Etsy statsd's default {@code keyNameSanitize}: runs of whitespace become {@code _}, {@code /} becomes
 * {@code -}, and every other character outside {@code [A-Za-z0-9_.;=-]} is dropped ({@code ;} and
 * {@code =} survive because they carry tags). Works on the raw bytes, so non-ASCII characters are dropped.
 * <p>
 * Called once per distinct key (the result is cached by its raw bytes), so it may allocate.
 */
public final class KeySanitizer {

    private KeySanitizer() {
    }

    public static String sanitize(byte[] buf, int offset, int length) {
        if (allKept(buf, offset, length)) {
            // the usual key needs no change: one Latin-1 copy instead of a builder and its String
            return new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(length);
        boolean inSpace = false;
        for (int i = offset; i < offset + length; i++) {
            byte c = buf[i];
            if (isSpace(c)) {
                if (!inSpace) {
                    out.append('_');
                }
                inSpace = true;
                continue;
            }
            inSpace = false;
            if (c == '/') {
                out.append('-');
            } else if (isKept(c)) {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /**
     * The same rules applied to a decoded key as JavaScript applies them (its {@code \\s} includes the Unicode
     * spaces): Etsy's graphite backend sanitises names this way when {@code keyNameSanitize} is off.
     */
    public static String sanitize(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean inSpace = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isJavaScriptSpace(c)) {
                if (!inSpace) {
                    out.append('_');
                }
                inSpace = true;
                continue;
            }
            inSpace = false;
            if (c == '/') {
                out.append('-');
            } else if (c < 128 && isKept((byte) c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isJavaScriptSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a')
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
    }

    private static boolean allKept(byte[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!isKept(buf[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    static boolean isKept(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ';' || c == '=';
    }
}
