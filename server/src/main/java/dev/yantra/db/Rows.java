package dev.yantra.db;

/**
 * The one row-count rule of state-changing writes. A guarded write ({@code UPDATE ... WHERE state = :from}) that
 * changes no row lost a race or found the state already moved: the caller decides what that means. A write that
 * changes more than one row is always a bug (a missing key in its WHERE), so it throws instead of being counted.
 */
public final class Rows {
    private Rows() {
    }

    /** 1 → true, 0 → false (someone else won, or the row is not in the expected state), more → throws. */
    public static boolean one(int rows, String what) {
        if (rows > 1) throw new IllegalStateException("a guarded write (" + what + ") changed " + rows + " rows");
        return rows == 1;
    }

    /** A write that must change exactly one row (the row is known to exist): anything else throws, naming it. */
    public static void exactlyOne(int rows, String what) {
        if (rows != 1) throw new IllegalStateException(what + " changed " + rows + " rows, expected exactly one");
    }
}
