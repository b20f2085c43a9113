package dev.yantra.jobs;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The pluggable part of a queue: how to try a job, and what its completion changes besides the job row. */
public interface JobHandler<J extends QueuedJob> {
    /** One try; must not throw for anything the counterparty does (an exception counts as a failed try). */
    JobOutcome attempt(J job);

    /**
     * Runs inside the transaction that marks the job completed (only when that guarded write won), so the job
     * and the state it settles change together or not at all.
     */
    void onCompleted(JdbcClient tx, J job, JobOutcome.Done done);

    /** {@link #onCompleted} for many jobs completed in one transaction; a handler may do it in fewer statements. */
    default void onCompletedAll(JdbcClient tx, java.util.List<J> jobs, java.util.List<JobOutcome.Done> dones) {
        for (int i = 0; i < jobs.size(); i++) onCompleted(tx, jobs.get(i), dones.get(i));
    }
}
