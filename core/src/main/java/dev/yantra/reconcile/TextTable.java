package dev.yantra.reconcile;

import java.io.IOException;
import java.util.List;

/** Writes rows as aligned columns; the first row is the heading. Numbers align right. */
final class TextTable {
    private static final int MAX_CELL_CHARS = 120;

    private TextTable() {
    }

    static void write(List<String[]> rows, boolean[] rightAligned, Appendable out) throws IOException {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], cell(row[i]).length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String v = cell(row[i]);
                boolean right = rightAligned != null && rightAligned[i];
                String pad = " ".repeat(width[i] - v.length());
                line.append(right ? pad + v : i == columns - 1 ? v : v + pad);
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** One line, bounded, no control characters: a cell cannot break the table or the terminal. */
    private static String cell(String v) {
        if (v == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(Math.min(v.length(), MAX_CELL_CHARS));
        for (int i = 0; i < v.length() && sb.length() < MAX_CELL_CHARS; i++) {
            char c = v.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        if (v.length() > MAX_CELL_CHARS) {
            sb.append("...");
        }
        return sb.toString();
    }
}
