package dev.yantra.walletjobs;

import dev.yantra.jobs.JobsConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.app.YantraCommand;
import dev.yantra.wallet.WalletFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** yantra jobs complete|retry|list against the database directly, as the playbooks use them. */
class ManualOverrideTest {
    WalletFixture f;
    JobQueue queue;

    @BeforeEach
    void setUp() {
        f = new WalletFixture();
        queue = new JobQueue(f.jdbc, JobsConfiguration.transactions(f.db), new AdminAudit(f.jdbc));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    record Run(int exit, String out, String err) {
    }

    Run yantra(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--database-url";
        full[args.length + 1] = f.databaseUrl();
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            var cmd = YantraCommand.commandLine();
            cmd.setErr(new java.io.PrintWriter(err, true));
            int code = cmd.execute(full);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    UUID rollbackJob(WalletFixture.Bet b) {
        return queue.enqueueRollback(f.jdbc, new JobQueue.RollbackJob(f.operatorId, b.id(), b.roundId(), b.playerRef(), "LKR",
                "ketapola-dice", b.amountMicro(), UUID.randomUUID(), b.transactionUuid(), null, 0));
    }

    @Test
    void completing_a_rollback_whose_bet_the_wallet_never_saw_rejects_the_bet_with_a_manual_resolution_and_an_audit_row() {
        WalletFixture.Bet b = f.bet("m1", 10_000, "UNCERTAIN");
        UUID job = rollbackJob(b);
        Run r = yantra("jobs", "complete", job.toString(), "--reason", "RS_ERROR_TRANSACTION_DOES_NOT_EXIST: stake never left", "--nothing-moved");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("UNCERTAIN -> REJECTED");
        Map<String, Object> bet = f.jdbc.sql("SELECT state, resolution, reason FROM bets WHERE id = ?").param(b.id()).query().singleRow();
        assertThat(bet.get("state")).isEqualTo("REJECTED");
        assertThat(bet.get("resolution")).isEqualTo("MANUAL");
        assertThat((String) bet.get("reason")).contains("stake never left");
        PendingWalletJob j = queue.find(job).orElseThrow();
        assertThat(j.completion()).isEqualTo("MANUAL");
        assertThat(j.completedBy()).startsWith("cli:");
        Map<String, Object> audit = f.jdbc.sql("SELECT * FROM admin_audit_log WHERE action = 'job.complete'").query().singleRow();
        assertThat((String) audit.get("changed_by")).startsWith("cli:");
        assertThat((String) audit.get("subject")).isEqualTo("pending_wallet_jobs:" + job);
        assertThat((String) audit.get("reason")).contains("DOES_NOT_EXIST");
    }

    @Test
    void completing_an_already_completed_job_is_a_clear_no_op() {
        WalletFixture.Bet b = f.bet("m2", 10_000, "REFUND_OWED");
        UUID job = rollbackJob(b);
        assertThat(yantra("jobs", "complete", job.toString(), "--reason", "refunded by phone").exit()).isZero();
        assertThat(f.betState(b.id())).isEqualTo("REFUNDED");
        Run again = yantra("jobs", "complete", job.toString(), "--reason", "again");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already completed").contains("nothing changed");
        assertThat(f.jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE action = 'job.complete'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void an_unknown_job_id_exits_1_with_a_message() {
        Run r = yantra("jobs", "complete", UUID.randomUUID().toString(), "--reason", "x");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no pending wallet job");
        assertThat(yantra("jobs", "retry", "not-a-uuid").exit()).isEqualTo(64);
    }

    @Test
    void retry_makes_a_job_due_now_and_list_shows_it() {
        WalletFixture.Bet b = f.bet("m3", 10_000, "UNCERTAIN");
        UUID job = rollbackJob(b);
        f.jdbc.sql("UPDATE pending_wallet_jobs SET next_attempt_at = now() + interval '1 hour', needs_attention = true WHERE id = ?")
                .param(job).update();
        assertThat(yantra("jobs", "retry", job.toString()).exit()).isZero();
        assertThat(f.jdbc.sql("SELECT next_attempt_at <= now() FROM pending_wallet_jobs WHERE id = ?").param(job)
                .query(Boolean.class).single()).isTrue();
        Run list = yantra("jobs", "list", "--stuck", "--endpoint", "ROLLBACK", "--json");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(job.toString()).contains("\"count\" : 1");
        assertThat(yantra("jobs", "list", "--endpoint", "WIN").out()).contains("0 job(s)");
        assertThat(yantra("jobs", "list", "--operator", "op-" + f.operatorId).out()).contains(job.toString());
        assertThat(yantra("jobs", "list", "--operator", "no-such-operator").exit()).isEqualTo(1);
    }
}
