package dev.yantra.round;

/** A fenced write found 0 rows: another node owns the table now. Rolls back the transaction it is thrown in. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(Fence fence, String what) {
        super("lease lost on table " + fence.tableId() + " (epoch " + fence.epoch() + ") while " + what);
    }
}
