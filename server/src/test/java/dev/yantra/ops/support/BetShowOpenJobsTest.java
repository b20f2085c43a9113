package dev.yantra.ops.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.walletjobs.JobQueue;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.testing.Yantra;
import dev.yantra.wallet.WalletFixture;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code bet show} on a bet that still owes a wallet call names that open job and what to do. */
class BetShowOpenJobsTest {
    WalletFixture f;

    @BeforeEach
    void setUp() {
        f = new WalletFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void an_uncertain_bet_with_an_open_rollback_lists_the_job_and_its_next_commands_instead_of_nothing_to_do() {
        WalletFixture.Bet b = f.bet("uncertain-player", 25_000, "UNCERTAIN");
        UUID job = new JobQueue(f.jdbc, JobsConfiguration.transactions(f.db), new AdminAudit(f.jdbc))
                .enqueueRollback(f.jdbc, new JobQueue.RollbackJob(f.operatorId, b.id(), b.roundId(), b.playerRef(), "LKR",
                        "ketapola-dice", b.amountMicro(), UUID.randomUUID(), b.transactionUuid(), null, 0));
        f.jdbc.sql("UPDATE pending_wallet_jobs SET attempts = 3, last_error = 'RS_ERROR_UNKNOWN (HTTP 503)' WHERE id = ?").param(job).update();

        Yantra.Run r = Yantra.run(f.databaseUrl(), "bet", "show", b.id().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("nothing to do");
        assertThat(r.out()).contains("## open jobs").contains("open ROLLBACK job " + job + " (3 attempts, last error RS_ERROR_UNKNOWN (HTTP 503))");
        assertThat(r.out()).contains("yantra jobs list --operator " + f.operatorId + " --endpoint ROLLBACK", "yantra jobs retry " + job);
    }

    @Test
    void a_settled_bet_without_open_jobs_still_has_nothing_to_do() {
        WalletFixture.Bet b = f.bet("settled-player", 25_000, "LOST");
        Yantra.Run r = Yantra.run(f.databaseUrl(), "bet", "show", b.id().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(nothing to do: no open problem found)").doesNotContain("open ROLLBACK job");
    }
}
