package dev.yantra.walletjobs;

import dev.yantra.jobs.JobOutcome;
import dev.yantra.jobs.JobsConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.admin.AdminAudit;
import dev.yantra.testing.Yantra;
import dev.yantra.wallet.WalletFixture;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code yantra jobs list} says why each open job waits — its operator's breaker is open, a
 * backoff, a node's lease — and its last error carries the underlying error text, not "ConnectException: null".
 */
class JobsListSaysWhyTest {
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

    UUID winJob(String player) {
        WalletFixture.Bet b = f.bet(player, 10_000, "WIN_OWED");
        return queue.enqueueWin(f.jdbc, new JobQueue.WinJob(f.operatorId, b.id(), b.roundId(), b.playerRef(), "LKR",
                "ketapola-dice", b.amountMicro() * 2, UUID.randomUUID(), b.transactionUuid(), null, 0));
    }

    static String lineOf(Yantra.Run r, UUID job) {
        return r.out().lines().filter(l -> l.startsWith(job.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no line for job " + job + " in\n" + r.out()));
    }

    @Test
    void a_job_of_an_operator_whose_breaker_is_open_says_so_and_since_when() {
        UUID job = winJob("breaker-player");
        f.jdbc.sql("UPDATE pending_wallet_jobs SET next_attempt_at = now() - interval '2 minutes' WHERE id = ?").param(job).update();
        f.jdbc.sql("INSERT INTO breaker_transitions (operator_id, node, from_state, to_state) VALUES (?, 'node-a', 'CLOSED', 'OPEN')")
                .param(f.operatorId).update();
        Yantra.Run r = Yantra.run(f.databaseUrl(), "jobs", "list");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("WAITING FOR");
        assertThat(lineOf(r, job)).contains("breaker open on node-a since ");
    }

    @Test
    void a_forced_open_breaker_names_who_forced_it() {
        UUID job = winJob("forced-player");
        f.jdbc.sql("INSERT INTO breaker_overrides (operator_id, mode, set_by, reason) VALUES (?, 'FORCED_OPEN', 'cli:sre', 'maintenance')")
                .param(f.operatorId).update();
        assertThat(lineOf(Yantra.run(f.databaseUrl(), "jobs", "list"), job)).contains("breaker forced open by cli:sre");
    }

    @Test
    void a_job_in_backoff_says_until_when_and_a_leased_job_names_the_node_holding_it() {
        UUID backingOff = winJob("backoff-player");
        UUID leased = winJob("leased-player");
        f.jdbc.sql("UPDATE pending_wallet_jobs SET attempts = 2, next_attempt_at = now() + interval '10 minutes' WHERE id = ?").param(backingOff).update();
        f.jdbc.sql("UPDATE pending_wallet_jobs SET locked_by = 'node-b', locked_until = now() + interval '10 minutes' WHERE id = ?").param(leased).update();
        Yantra.Run r = Yantra.run(f.databaseUrl(), "jobs", "list");
        assertThat(lineOf(r, backingOff)).contains("backoff until ");
        assertThat(lineOf(r, leased)).contains("leased by node-b until ");
        Yantra.Run json = Yantra.run(f.databaseUrl(), "jobs", "list", "--json");
        assertThat(json.out()).containsPattern("\"waitingFor\"\\s*:\\s*\"leased by node-b until ");
    }

    @Test
    void the_first_message_along_the_cause_chain_is_the_one_shown() {
        Exception deep = new java.net.ConnectException();
        deep.initCause(new java.io.IOException("Connection refused"));
        assertThat(dev.yantra.wallet.WalletClient.describe(deep, java.net.URI.create("http://wallet.example:8080/bet")))
                .isEqualTo("ConnectException: Connection refused");
        assertThat(dev.yantra.wallet.WalletClient.describe(new java.net.ConnectException(), java.net.URI.create("http://wallet.example:8080/bet")))
                .isEqualTo("ConnectException: cannot connect to wallet.example:8080");
    }

    @Test
    void a_refused_connection_is_recorded_with_the_text_of_its_cause() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        f.jdbc.sql("UPDATE operators SET wallet_callback_url = ? WHERE id = ?").params("http://127.0.0.1:" + closedPort + "/wallet", f.operatorId).update();
        UUID job = winJob("refused-player");
        PendingWalletJob j = queue.find(job).orElseThrow();
        JobOutcome outcome = new WalletJobHandler(f.client).attempt(j);
        assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Retry.class,
                // this JDK's HTTP client gives no message anywhere in the chain; where one exists (e.g. "Connection
                // refused") it is used, otherwise the error names what could not be reached
                retry -> assertThat(retry.error()).startsWith("ConnectException: ").doesNotContain("null")
                        .containsAnyOf("Connection refused", "cannot connect to 127.0.0.1:" + closedPort));
    }
}
