package dev.yantra.games;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the one selection shape games use, without a JSON library: an object with exactly one string field,
 * e.g. {@code {"side":"LOW"}}, whitespace tolerant. Anything else (extra keys, other case, arrays, numbers,
 * escapes) is refused: a selection is a closed set of values, so strictness costs nothing.
 */
public final class SelectionJson {

    public static final int MAX_CHARS = 256;
    private static final Pattern SINGLE_FIELD =
            Pattern.compile("\\s*\\{\\s*\"([A-Za-z]{1,32})\"\\s*:\\s*\"([A-Za-z0-9_-]{0,32})\"\\s*}\\s*");

    private SelectionJson() {}

    /** Returns the value of {@code field}, which must be one of {@code allowed} (exact case). */
    public static String singleField(String json, String field, List<String> allowed) {
        String expected = "{\"" + field + "\":\"" + String.join("\"} or {\"" + field + "\":\"", allowed) + "\"}";
        if (json == null) {
            throw new InvalidSelectionException("selection is missing; expected " + expected);
        }
        if (json.length() > MAX_CHARS) {
            throw new InvalidSelectionException("selection must be at most " + MAX_CHARS + " chars, was " + json.length());
        }
        Matcher m = SINGLE_FIELD.matcher(json);
        if (!m.matches() || !m.group(1).equals(field)) {
            throw new InvalidSelectionException("selection must be exactly " + expected + ", was " + quote(json));
        }
        String value = m.group(2);
        if (!allowed.contains(value)) {
            throw new InvalidSelectionException(
                    field + " must be one of " + allowed + " (exact case), was " + quote(value));
        }
        return value;
    }

    private static String quote(String s) {
        return "'" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "'";
    }
}
