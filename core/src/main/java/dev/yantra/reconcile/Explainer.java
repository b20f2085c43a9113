package dev.yantra.reconcile;

/**
 * Looks up why a transaction is on one side only, implemented over the database: an open
 * {@code pending_wallet_jobs} row for that transaction ({@link Explanation#openJob}), else a failed
 * {@code wallet_calls} row that no job retries ({@link Explanation#droppedCall}), else
 * {@link Explanation#none()}. Never null.
 * <p>
 * Calls come in ascending {@link TransactionOrder} of the transaction uuid, once per difference, so an
 * implementation may walk a cursor sorted the same way instead of querying per call.
 */
public interface Explainer {
    Explainer NONE = new Explainer() {
        @Override
        public Explanation theirsOnly(TransactionRow theirs) {
            return Explanation.none();
        }

        @Override
        public Explanation oursOnly(OursTransaction ours) {
            return Explanation.none();
        }
    };

    /** They booked it, we have no succeeded call for it. */
    Explanation theirsOnly(TransactionRow theirs);

    /** We have a succeeded call for it, they did not book it. */
    Explanation oursOnly(OursTransaction ours);
}
