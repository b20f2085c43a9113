package dev.yantra.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The aligned table every listing command prints: a header line, then one line a row, each column as wide as its
 * widest cell (a long name moves the columns after it rather than running into them), two spaces between columns,
 * the last column unpadded. A null cell prints as "-". Columns named in {@link #rightAligned} (counts, amounts) are
 * padded on the left, so their digits line up.
 */
public final class Table {
    private static final String GAP = "  ";
    private final List<String> headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String... headers) {
        this.headers = List.of(headers);
        this.right = new boolean[headers.length];
    }

    /** A table with these column headers, in order. */
    public static Table of(String... headers) {
        if (headers.length == 0) throw new IllegalArgumentException("a table needs at least one column");
        return new Table(headers);
    }

    /** Pads the named columns on the left (numbers); every name must be one of the headers. */
    public Table rightAligned(String... columns) {
        for (String c : columns) {
            int i = headers.indexOf(c);
            if (i < 0) throw new IllegalArgumentException("no column " + c + " in " + headers);
            right[i] = true;
        }
        return this;
    }

    /** Adds a row: one cell a column, printed with {@link String#valueOf}, null as "-". */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for the " + headers.size() + " columns " + headers);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : String.valueOf(c)).toArray(String[]::new));
        return this;
    }

    /** The rows added so far, the header not counted. */
    public int size() {
        return rows.size();
    }

    public void print(PrintStream out) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) width[i] = headers.get(i).length();
        for (String[] r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r[i].length());
        out.println(line(headers.toArray(String[]::new), width));
        for (String[] r : rows) out.println(line(r, width));
    }

    private String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String pad = " ".repeat(width[i] - cells[i].length());
            if (right[i]) b.append(pad).append(cells[i]);
            else b.append(cells[i]).append(last ? "" : pad);
            if (!last) b.append(GAP);
        }
        return b.toString().stripTrailing();
    }
}
