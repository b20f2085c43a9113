package dev.yantra.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yantra.demowallet.Faults;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalletTroubleTest {

    @Test
    void bets_the_wallet_answers_too_late_are_shown_rejected_stay_uncertain_with_a_rollback_job_and_lose_nothing() throws Exception {
        try (TableFixture f = new TableFixture(300, 3000)) {
            List<String> tokens = List.of(f.session("slow-1", "real", null), f.session("slow-2", "real", null));
            // the wallet debits, then answers after our 300 ms timeout: money moved, we cannot know
            f.faults(Faults.NONE.withTimeoutRate(1.0).withTimeoutSleepMs(700));
            f.awaitBettingOpen(tokens.getFirst(), 1500);
            for (String t : tokens) {
                HttpResponse<String> r = f.bet(t, "LOW", 50_000);
                assertEquals(422, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"status\":\"REJECTED\""), r.body());
                assertTrue(r.body().contains("wallet_uncertain"), r.body());
            }
            assertEquals(2, f.jdbc().sql("SELECT count(*) FROM bets WHERE state = 'UNCERTAIN'").query(Integer.class).single());
            assertEquals(2, f.jdbc().sql("""
                    SELECT count(*) FROM pending_wallet_jobs j JOIN bets b ON b.id = j.bet_id
                     WHERE j.endpoint = 'ROLLBACK' AND j.reference_transaction_uuid = b.transaction_uuid
                       AND j.amount_micro = b.amount_micro AND b.state = 'UNCERTAIN'""").query(Integer.class).single());

            // the wallet did debit, though we never heard it (its rollbacks time out too while the fault lasts)
            assertEquals(2, f.ledgerEntries().stream().filter(e -> e.kind().equals("BET") && e.resultStatus().equals("RS_OK")).count());
            f.faults(Faults.NONE);
            TableFixture.await("the runner's rollbacks done", 30_000, () -> f.openJobs() == 0);
            assertEquals(TableFixture.INITIAL_MICRO, f.balance("slow-1"));
            assertEquals(TableFixture.INITIAL_MICRO, f.balance("slow-2"));
            assertEquals(2, f.jdbc().sql("SELECT count(*) FROM bets WHERE state = 'REFUNDED'").query(Integer.class).single());
        }
    }

    @Test
    void a_bet_the_wallet_refuses_for_lack_of_money_is_rejected_with_that_reason_and_no_job() throws Exception {
        try (TableFixture f = new TableFixture(5000, 3000)) {
            String token = f.session("broke", "real", null);
            f.faults(Faults.NONE.withForced("BET", "RS_ERROR_NOT_ENOUGH_MONEY"));
            f.awaitBettingOpen(token, 1500);
            HttpResponse<String> r = f.bet(token, "HIGH", 50_000);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"error\":\"not_enough_money\""), r.body());
            assertEquals("RS_ERROR_NOT_ENOUGH_MONEY", f.jdbc().sql("SELECT reason FROM bets WHERE state = 'REJECTED'")
                    .query(String.class).single());
            assertEquals(0, f.jdbc().sql("SELECT count(*) FROM pending_wallet_jobs").query(Integer.class).single());
            assertEquals(TableFixture.INITIAL_MICRO, f.balance("broke"));
        }
    }

    @Test
    void while_the_operators_breaker_is_open_a_bet_is_refused_as_operator_unavailable_without_a_wallet_call() throws Exception {
        try (TableFixture f = new TableFixture(5000, 3000)) {
            String token = f.session("blocked", "real", null);
            var port = f.nodes.getFirst().context().getBean(dev.yantra.round.WalletClientPort.class);
            dev.yantra.breaker.CounterpartyBreakers breakers = port.breakers();
            breakers.force(dev.yantra.demo.DemoProvisioner.OPERATOR_ID.toString(), dev.yantra.breaker.CounterpartyBreakers.Mode.FORCE_OPEN);
            f.awaitBettingOpen(token, 1500);
            HttpResponse<String> r = f.bet(token, "LOW", 50_000);
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.body().contains("operator_unavailable"), r.body());
            assertEquals(0, f.jdbc().sql("SELECT count(*) FROM wallet_calls WHERE endpoint = 'BET'").query(Integer.class).single());
            assertEquals(0, f.jdbc().sql("SELECT count(*) FROM bets").query(Integer.class).single());
        }
    }

    @Test
    void demo_sessions_play_with_play_money_and_never_call_the_wallet() throws Exception {
        try (TableFixture f = new TableFixture(5000, 1200)) {
            String token = f.session("demo-1", "demo", 1_000_000L);
            f.awaitBettingOpen(token, 500);
            assertEquals(201, f.bet(token, "LOW", 100_000).statusCode());
            assertEquals(900_000L, f.get(token, "/v1/play/state").get("balanceMicro").asLong());
            TableFixture.await("settled", 10_000, () -> f.openBets() == 0);
            long payout = f.jdbc().sql("SELECT coalesce(payout_micro,0) FROM bets").query(Long.class).single();
            assertEquals(900_000L + payout, Long.parseLong(f.get(token, "/v1/play/state").get("balanceMicro").asString()));
            assertEquals(0, f.jdbc().sql("SELECT count(*) FROM wallet_calls WHERE endpoint <> 'BALANCE'").query(Integer.class).single());
        }
    }
}
