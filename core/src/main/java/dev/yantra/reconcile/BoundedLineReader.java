package dev.yantra.reconcile;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads physical lines (LF, CRLF or a lone CR) from a Reader, dropping a leading UTF-8 BOM. A line longer
 * than the bound is not kept: its first {@code maxChars} characters are, the rest is skipped and
 * {@link #lastLineTooLong()} says so. Memory is one buffer and one line, whatever the input.
 */
final class BoundedLineReader {
    private static final char BOM = '\uFEFF';

    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[16 * 1024];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int len;
    private boolean atStart = true;
    private boolean skipLf;
    private boolean eof;
    private boolean tooLong;
    private long lineNumber;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at end of input. */
    String readLine() throws IOException {
        line.setLength(0);
        tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (pos >= len && !fill()) {
                if (!sawAny) {
                    return null;
                }
                lineNumber++;
                return line.toString();
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            if (atStart) {
                atStart = false;
                if (buf[pos] == BOM) {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            append(start, pos - start);
            sawAny = true;
            if (pos < len) {
                skipLf = buf[pos] == '\r';
                pos++;
                lineNumber++;
                return line.toString();
            }
        }
    }

    /** Physical number of the line {@link #readLine()} returned last (1-based). */
    long lineNumber() {
        return lineNumber;
    }

    boolean lastLineTooLong() {
        return tooLong;
    }

    private void append(int start, int count) {
        int room = maxChars - line.length();
        if (count > room) {
            tooLong = true;
            count = Math.max(room, 0);
        }
        line.append(buf, start, count);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            len = 0;
            pos = 0;
            return false;
        }
        len = n;
        pos = 0;
        return true;
    }
}
