package dev.yantra.jobs;

/** What one try of a job came to. */
public sealed interface JobOutcome {
    /** Finished: the job is completed, and the handler updates its domain state in the same transaction. */
    record Done(String resultStatus, boolean nothingMoved) implements JobOutcome {
    }

    /** Not finished: try again after the backoff. {@code flag}: a human should look (needs_attention now). */
    record Retry(String resultStatus, String error, boolean flag) implements JobOutcome {
    }

    /** No try was made (the counterparty's breaker is open): put back without counting an attempt. */
    record NotAttempted(String why) implements JobOutcome {
    }
}
