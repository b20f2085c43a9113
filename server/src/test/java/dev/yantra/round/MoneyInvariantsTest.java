package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.ops.incident.IncidentReport;
import dev.yantra.round.MoneyInvariants.Kind;
import dev.yantra.round.MoneyInvariants.Violation;
import dev.yantra.testing.TestPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each money invariant on hand-made rows: clean money passes, each broken bet is named with its rule. */
class MoneyInvariantsTest {
    YantraEnv env;
    Database db;
    JdbcClient j;
    final UUID op = UUID.randomUUID();
    final UUID table = UUID.randomUUID();
    final UUID chain = UUID.randomUUID();
    final UUID session = UUID.randomUUID();
    // whole microseconds: Postgres keeps microseconds and the driver rounds nanoseconds, so a nanosecond instant may come back 1 µs later
    final Instant closes = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(10, ChronoUnit.MINUTES);
    long nonce;

    @BeforeEach
    void operatorTableAndSession() {
        env = TestPostgres.freshEnv(1);
        db = Database.open(env, "yantra-test", 4, null);
        db.migrate();
        j = db.jdbc();
        j.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'casino', 'c')").param(op).update();
        j.sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')").params(table, op).update();
        j.sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'c', 's0', 100, 'v1:x')")
                .params(chain, table).update();
        j.sql("""
                INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at)
                VALUES (?, ?, gen_random_uuid(), 'p', 'ketapola-dice', 'LKR', 't', now() + interval '1h')""").params(session, op).update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void settled_refunded_and_owed_bets_with_their_jobs_break_nothing() {
        UUID settled = round("SETTLED", closes);
        bet(settled, "a", "LOW", "LOST", closes.minusSeconds(5), closes.minusSeconds(4));
        UUID voided = round("VOIDED", closes);
        bet(voided, "a", "LOW", "REFUNDED", closes.minusSeconds(5), closes.minusSeconds(4));
        UUID owed = bet(voided, "b", "LOW", "REFUND_OWED", closes.minusSeconds(5), closes.minusSeconds(4));
        job(owed, "ROLLBACK", false);
        UUID pending = bet(round("BETTING_OPEN", Instant.now().plusSeconds(20)), "c", "LOW", "PENDING", Instant.now(), null);
        assertThat(pending).isNotNull();

        assertThat(new MoneyInvariants(j).violations()).isEmpty();
    }

    @Test
    void an_accepted_bet_in_a_voided_round_with_no_open_job_is_a_live_bet_in_a_voided_round() {
        UUID voided = round("VOIDED", closes);
        UUID accepted = bet(voided, "a", "LOW", "ACCEPTED", closes.minusSeconds(5), closes.minusSeconds(4));
        UUID pending = bet(voided, "b", "LOW", "PENDING", closes.minusSeconds(5), null);
        UUID winOwed = bet(voided, "c", "LOW", "WIN_OWED", closes.minusSeconds(5), closes.minusSeconds(4));
        job(winOwed, "WIN", true);   // a completed job is no open job

        assertThat(new MoneyInvariants(j).violations()).extracting(Violation::kind, Violation::betId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Kind.LIVE_BET_IN_VOIDED_ROUND, accepted),
                org.assertj.core.groups.Tuple.tuple(Kind.LIVE_BET_IN_VOIDED_ROUND, pending),
                org.assertj.core.groups.Tuple.tuple(Kind.LIVE_BET_IN_VOIDED_ROUND, winOwed));
    }

    @Test
    void a_stake_owed_or_in_doubt_without_an_open_rollback_job_is_named() {
        UUID settled = round("SETTLED", closes);
        UUID uncertain = bet(settled, "a", "LOW", "UNCERTAIN", closes.minusSeconds(5), null);
        job(uncertain, "WIN", false);   // only a ROLLBACK gives a stake back
        UUID owed = bet(settled, "b", "LOW", "REFUND_OWED", closes.minusSeconds(5), closes.minusSeconds(4));

        assertThat(new MoneyInvariants(j).violations()).extracting(Violation::kind, Violation::betId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Kind.STAKE_OWED_WITHOUT_JOB, uncertain),
                org.assertj.core.groups.Tuple.tuple(Kind.STAKE_OWED_WITHOUT_JOB, owed));
    }

    @Test
    void a_bet_written_or_accepted_at_or_after_its_rounds_close_is_named_with_both_times() {
        UUID settled = round("SETTLED", closes);
        UUID late = bet(settled, "a", "LOW", "LOST", closes.plusSeconds(1), closes.plusSeconds(2));
        UUID acceptedLate = bet(settled, "b", "LOW", "LOST", closes.minusSeconds(1), closes);

        List<Violation> v = new MoneyInvariants(j).violations();
        assertThat(v).extracting(Violation::kind, Violation::betId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Kind.BET_AFTER_CLOSE, late),
                org.assertj.core.groups.Tuple.tuple(Kind.ACCEPTED_AFTER_CLOSE, late),
                org.assertj.core.groups.Tuple.tuple(Kind.ACCEPTED_AFTER_CLOSE, acceptedLate));
        Violation first = v.stream().filter(x -> x.kind() == Kind.BET_AFTER_CLOSE).findFirst().orElseThrow();
        assertThat(first.at()).isEqualTo(closes.plusSeconds(1).truncatedTo(ChronoUnit.MICROS));
        assertThat(first.bettingClosesAt()).isEqualTo(closes.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void only_rounds_opened_since_the_instant_and_of_the_operator_asked_for_are_checked() {
        UUID voided = round("VOIDED", closes);
        bet(voided, "a", "LOW", "ACCEPTED", closes.minusSeconds(5), closes.minusSeconds(4));
        MoneyInvariants check = new MoneyInvariants(j);

        assertThat(check.violations(Instant.now().minus(1, ChronoUnit.HOURS), op)).hasSize(1);
        assertThat(check.violations(Instant.now().plus(1, ChronoUnit.MINUTES), null)).as("opened before the window").isEmpty();
        assertThat(check.violations(Instant.EPOCH, UUID.randomUUID())).as("another operator's").isEmpty();
    }

    @Test
    void yantra_verify_since_exits_1_and_lists_the_broken_bet_and_the_incident_report_names_it() {
        UUID voided = round("VOIDED", closes);
        UUID accepted = bet(voided, "a", "LOW", "ACCEPTED", closes.minusSeconds(5), closes.minusSeconds(4));

        picocli.CommandLine cmd = dev.yantra.app.YantraCommand.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(out, true));
        int code = cmd.execute("verify", "--since", "1h", "--database-url", env.databaseUrl().orElseThrow());
        assertThat(code).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("\"moneyInvariantsBroken\":[{\"kind\":\"LIVE_BET_IN_VOIDED_ROUND\",\"betId\":\"" + accepted + "\"")
                .contains("\"ok\":false");

        String md = new IncidentReport(j).markdown(op, Instant.now().minus(1, ChronoUnit.HOURS), Instant.now());
        assertThat(md).contains("money invariants: 1 bets break them").contains("LIVE_BET_IN_VOIDED_ROUND bet " + accepted);
    }

    @Test
    void yantra_verify_since_on_clean_money_reports_no_broken_bet() {
        bet(round("SETTLED", closes), "a", "LOW", "LOST", closes.minusSeconds(5), closes.minusSeconds(4));
        picocli.CommandLine cmd = dev.yantra.app.YantraCommand.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(out, true));
        cmd.execute("verify", "--since", "1h", "--database-url", env.databaseUrl().orElseThrow());
        assertThat(out.toString()).contains("\"moneyInvariantsBroken\":[]");
        assertThat(new IncidentReport(j).markdown(op, Instant.now().minus(1, ChronoUnit.HOURS), Instant.now()))
                .contains("money invariants: none broken");
    }

    private UUID round(String state, Instant bettingClosesAt) {
        UUID id = UUID.randomUUID();
        j.sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state, betting_closes_at)
                VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, ?, 'h', 'c', 1, '{}', 'ketapola-rng-v1', 'b', 1, ?, ?)""")
                .params(id, table, op, chain, nonce++, state, Timestamp.from(bettingClosesAt)).update();
        return id;
    }

    private UUID bet(UUID round, String player, String side, String state, Instant createdAt, Instant acceptedAt) {
        UUID id = UUID.randomUUID();
        j.sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid,
                                  amount_micro, selection, side, state, created_at, accepted_at)
                VALUES (?, ?, ?, ?, ?, 'LKR', gen_random_uuid(), gen_random_uuid(), 100000, '{}', ?, ?, ?, ?)""")
                .params(id, round, session, op, player, side, state, Timestamp.from(createdAt),
                        acceptedAt == null ? null : Timestamp.from(acceptedAt)).update();
        return id;
    }

    private void job(UUID betId, String endpoint, boolean completed) {
        j.sql("""
                INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, bet_id, player_ref, request_uuid, transaction_uuid,
                                                 amount_micro, attempts, completed_at)
                VALUES (gen_random_uuid(), ?, ?, ?, 'p', gen_random_uuid(), gen_random_uuid(), 100000, 0,
                        CASE WHEN ? THEN now() END)""")
                .params(op, endpoint, betId, completed).update();
    }
}
