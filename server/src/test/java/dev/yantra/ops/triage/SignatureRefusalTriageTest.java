package dev.yantra.ops.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the wallet refuses our signature, triage names the kid the refused calls carried, the kid we sign
 * with now, and offers the way back to a predecessor that is still valid.
 */
class SignatureRefusalTriageTest {
    Database db;
    String url;
    final UUID op = UUID.randomUUID();

    @BeforeEach
    void anOperatorMidRotation() {
        var env = TestPostgres.freshEnv(1);
        url = env.databaseUrl().orElseThrow();
        db = Database.open(env, "yantra-test", 4, null);
        var jdbc = db.jdbc();
        jdbc.sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, 'sig-casino', 'c@sig.example')").param(op).update();
        // ok_old was replaced an hour's overlap ago by ok_new, which the wallet does not hold
        jdbc.sql("""
                INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext, activated_at, not_after)
                VALUES (gen_random_uuid(), ?, 'ok_old', 'OUTBOUND', 'x', now() - interval '2 days', now() + interval '23 hours'),
                       (gen_random_uuid(), ?, 'ok_new', 'OUTBOUND', 'x', now() - interval '1 hour', NULL)""").params(op, op).update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    void call(String status, int http, String kid) {
        db.jdbc().sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                          status, response_status, latency_ms, attempt, succeeded, kid)
                VALUES (gen_random_uuid(), ?, 'WIN', gen_random_uuid(), gen_random_uuid(), 1000, 'LKR', ?, ?, 12, 1, false, ?)""")
                .params(op, status, http, kid).update();
    }

    @Test
    void refused_signatures_name_the_kid_in_use_and_offer_the_previous_key_back() {
        call("RS_ERROR_INVALID_SIGNATURE", 401, "ok_new");
        call("RS_ERROR_INVALID_SIGNATURE", 401, "ok_new");
        for (String triage : new String[] {"breaker", "wallet-down"}) {
            Yantra.Run r = Yantra.run(url, "triage", triage, "--operator", "sig-casino");
            assertThat(r.exit()).as(triage + ": " + r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).as(triage).contains("refused our signature 2 time(s)", "with kid ok_new", "we sign with ok_new",
                    "yantra credential activate ok_old");
        }
    }

    @Test
    void a_wallet_that_accepts_our_signature_gets_no_such_finding() {
        call("RS_OK", 200, "ok_new");
        Yantra.Run r = Yantra.run(url, "triage", "breaker", "--operator", "sig-casino");
        assertThat(r.out()).doesNotContain("refused our signature");
    }
}
