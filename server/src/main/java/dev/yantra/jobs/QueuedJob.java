package dev.yantra.jobs;

import java.util.UUID;

/** What the runner needs of any queued job: the queue's columns, not the payload. */
public interface QueuedJob {
    UUID id();

    /** Whose breaker guards this job: an operator id for wallet jobs, a shop id for lottery forwards. */
    String counterpartyId();

    /** Tries made so far; the try being made now is attempts() + 1. */
    int attempts();

    /** The row version read by the claim: every write of this try is guarded by it. */
    long version();
}
