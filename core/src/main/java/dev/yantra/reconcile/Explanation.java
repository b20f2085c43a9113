package dev.yantra.reconcile;

import java.util.Objects;

/** Why a transaction is on one side only, as {@link Explainer} finds it. */
public sealed interface Explanation {
    /** Text for the report. */
    String note();

    /** True when the difference will close by itself (an open job): only such differences make MINOR_DRIFT. */
    boolean closesByItself();

    static Explanation openJob(String jobId) {
        return new OpenJob(jobId);
    }

    static Explanation droppedCall() {
        return DroppedCall.INSTANCE;
    }

    static Explanation none() {
        return Unexplained.INSTANCE;
    }

    /** They booked it (or we did), our confirmation is still pending in an open {@code pending_wallet_jobs} row. */
    record OpenJob(String jobId) implements Explanation {
        public OpenJob {
            Objects.requireNonNull(jobId, "jobId");
        }

        @Override
        public String note() {
            return "pending: will close when job " + jobId + " completes";
        }

        @Override
        public boolean closesByItself() {
            return true;
        }
    }

    /** A failed wallet call that nothing retries: money we lost track of. */
    record DroppedCall() implements Explanation {
        static final DroppedCall INSTANCE = new DroppedCall();

        @Override
        public String note() {
            return "we dropped it: failed call never retried — a bug";
        }

        @Override
        public boolean closesByItself() {
            return false;
        }
    }

    record Unexplained() implements Explanation {
        static final Unexplained INSTANCE = new Unexplained();

        @Override
        public String note() {
            return "unexplained";
        }

        @Override
        public boolean closesByItself() {
            return false;
        }
    }
}
