package dev.yantra.reconcile;

/** Writing side of RFC-4180: quote a field only when it needs it. */
public final class CsvText {
    public static final String LINE_END = "\r\n";

    private CsvText() {
    }

    public static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) <= ' '
                || value.charAt(value.length() - 1) <= ' ' || value.charAt(0) == '#'));
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
