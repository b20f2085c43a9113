package dev.yantra.edge;

import dev.yantra.api.StrictText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding to bytes, not to a string: the bytes are then decoded as UTF-8 strictly (StrictText), where a
 * servlet container's lenient decoding would have turned a malformed sequence into U+FFFD. A {@code %} not followed
 * by two hex digits is refused rather than kept literally.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /** @param plusIsSpace true for a query string (form encoding), false for a path segment */
    static byte[] decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0 || !isAsciiHex(raw.charAt(i + 1)) || !isAsciiHex(raw.charAt(i + 2))) {
                    throw StrictText.invalid("a malformed percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c <= 0xFF) {
                out.write(c);  // the container hands the raw request line over as ISO-8859-1: one char per byte
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
