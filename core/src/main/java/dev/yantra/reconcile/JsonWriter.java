package dev.yantra.reconcile;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** A small streaming JSON writer: no pretty printing, strings escaped per RFC 8259. Amounts go out as strings. */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_DEPTH = 32;

    private final Appendable out;
    /** One entry per open container: true while nothing has been written in it yet. */
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter(Appendable out) {
        this.out = out;
    }

    JsonWriter beginObject() throws IOException {
        return open('{');
    }

    JsonWriter endObject() throws IOException {
        return close('}');
    }

    JsonWriter beginArray() throws IOException {
        return open('[');
    }

    JsonWriter endArray() throws IOException {
        return close(']');
    }

    JsonWriter name(String name) throws IOException {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String s) throws IOException {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(long n) throws IOException {
        separate();
        out.append(Long.toString(n));
        return this;
    }

    JsonWriter value(boolean b) throws IOException {
        separate();
        out.append(b ? "true" : "false");
        return this;
    }

    /** A micro amount: a JSON string holding a decimal integer (docs/integration-guide.md, "Text and amounts"). */
    JsonWriter amount(long micro) throws IOException {
        return value(Long.toString(micro));
    }

    JsonWriter field(String name, String value) throws IOException {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) throws IOException {
        return name(name).value(value);
    }

    private JsonWriter open(char c) throws IOException {
        if (first.size() >= MAX_DEPTH) {
            throw new IllegalStateException("JSON nesting deeper than " + MAX_DEPTH);
        }
        separate();
        out.append(c);
        first.push(true);
        return this;
    }

    private JsonWriter close(char c) throws IOException {
        first.pop();
        out.append(c);
        return this;
    }

    private void separate() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            if (!first.peek()) {
                out.append(',');
            } else {
                first.pop();
                first.push(false);
            }
        }
    }

    private void string(String s) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !validPair(s, i)) {
                        unicode(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A surrogate that is half of a well-formed pair passes as is; a lone one is escaped. */
    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private void unicode(char c) throws IOException {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }
}
