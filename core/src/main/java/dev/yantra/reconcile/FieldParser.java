package dev.yantra.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses the values of one row, strictly, collecting every problem of the row into one message so a
 * validation run shows all of them at once. Amounts are non-negative decimal integers of micro-units.
 */
final class FieldParser {
    static final int MAX_OPERATOR_ID_CHARS = 128;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern CURRENCY_TEXT = Pattern.compile("[A-Za-z0-9_]{1,16}");
    private static final int MAX_SHOWN_CHARS = 40;

    private final StringBuilder problems = new StringBuilder();

    boolean ok() {
        return problems.isEmpty();
    }

    String problems() {
        return problems.toString();
    }

    String operatorId(String name, String v) {
        if (v.isEmpty() || v.length() > MAX_OPERATOR_ID_CHARS || hasControlChar(v)) {
            problem(name, v, "must be 1-" + MAX_OPERATOR_ID_CHARS + " printable characters");
            return null;
        }
        return v;
    }

    String currency(String name, String v) {
        if (!CURRENCY_TEXT.matcher(v).matches()) {
            problem(name, v, "is not a currency code");
            return null;
        }
        return v;
    }

    long amountMicro(String name, String v) {
        if (v.startsWith("-") && v.length() > 1 && allDigits(v, 1)) {
            problem(name, v, "is negative; settlement amounts are micro-units >= 0");
            return 0;
        }
        if (v.isEmpty() || !allDigits(v, 0)) {
            problem(name, v, "is not a whole number of micro-units");
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            problem(name, v, "is out of range");
            return 0;
        }
    }

    LocalDate date(String name, String v) {
        if (DATE_TEXT.matcher(v).matches()) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException ignored) {
                // reported below
            }
        }
        problem(name, v, "is not a date YYYY-MM-DD");
        return null;
    }

    UUID uuid(String name, String v) {
        if (!UUID_TEXT.matcher(v).matches()) {
            problem(name, v, "is not a uuid");
            return null;
        }
        return UUID.fromString(v);
    }

    Kind kind(String name, String v) {
        for (Kind k : Kind.values()) {
            if (k.name().equals(v)) {
                return k;
            }
        }
        problem(name, v, "is not one of BET, WIN, ROLLBACK");
        return null;
    }

    Instant instant(String name, String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            problem(name, v, "is not an ISO-8601 time with zone (e.g. 2025-01-31T12:00:00Z)");
            return null;
        }
    }

    private void problem(String name, String value, String what) {
        if (!problems.isEmpty()) {
            problems.append("; ");
        }
        problems.append(name).append(' ').append(show(value)).append(' ').append(what);
    }

    /** The value as shown in an error: quoted, shortened, control characters escaped. */
    static String show(String v) {
        StringBuilder sb = new StringBuilder("'");
        int limit = Math.min(v.length(), MAX_SHOWN_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (v.length() > limit) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    private static boolean allDigits(String v, int from) {
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlChar(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
