package dev.yantra.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one physical line into RFC-4180 fields: a field may be quoted, a quoted field may hold commas and
 * doubled quotes. Whitespace around a field is dropped. A record never spans lines here: none of the
 * settlement fields can hold a line break, and keeping records = lines keeps every error's line number exact.
 */
final class CsvFields {
    private CsvFields() {
    }

    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    static List<String> split(String line) throws SyntaxException {
        List<String> fields = new ArrayList<>(8);
        StringBuilder quoted = new StringBuilder();
        int n = line.length();
        int i = 0;
        while (true) {
            i = skipBlanks(line, i);
            if (i < n && line.charAt(i) == '"') {
                i = readQuoted(line, i, quoted);
                fields.add(quoted.toString());
            } else {
                int end = line.indexOf(',', i);
                end = end < 0 ? n : end;
                String field = line.substring(i, end).strip();
                int quote = field.indexOf('"');
                if (quote >= 0) {
                    throw new SyntaxException("field " + (fields.size() + 1) + ": a quote inside an unquoted field");
                }
                fields.add(field);
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** Reads the quoted field starting at {@code i} into {@code out}; returns the index of the comma or end. */
    private static int readQuoted(String line, int i, StringBuilder out) throws SyntaxException {
        out.setLength(0);
        int n = line.length();
        int open = i;
        i++;
        while (true) {
            if (i >= n) {
                throw new SyntaxException("unterminated quoted field starting at column " + (open + 1));
            }
            char c = line.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
            } else if (i + 1 < n && line.charAt(i + 1) == '"') {
                out.append('"');
                i += 2;
            } else {
                i = skipBlanks(line, i + 1);
                if (i < n && line.charAt(i) != ',') {
                    throw new SyntaxException("unexpected character after closing quote at column " + (i + 1));
                }
                return i;
            }
        }
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
