package dev.yantra.reconcile;

/** Open {@code pending_wallet_jobs} of one kind: how many, and the micro-units they will move. */
public record PendingWork(long count, long amountMicro) {
    public static final PendingWork NONE = new PendingWork(0, 0);

    public PendingWork {
        if (count < 0 || amountMicro < 0) {
            throw new IllegalArgumentException("pending count and amountMicro must be >= 0, were " + count + ", " + amountMicro);
        }
    }
}
