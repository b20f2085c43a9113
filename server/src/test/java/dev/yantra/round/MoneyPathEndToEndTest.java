package dev.yantra.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bets through real HTTP, a real node, a real database and the demo wallet on loopback. */
class MoneyPathEndToEndTest {

    @Test
    void two_hundred_bets_by_twenty_players_leave_every_wallet_balance_exactly_as_the_bets_say() throws Exception {
        try (TableFixture f = new TableFixture(5000, 1500)) {
            List<String> players = new ArrayList<>();
            Map<String, String> tokens = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                String p = "player-" + i;
                players.add(p);
                tokens.put(p, f.session(p, "real", null));
            }
            AtomicInteger placed = new AtomicInteger();
            String anyToken = tokens.get(players.getFirst());
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                while (placed.get() < 200) {
                    f.awaitBettingOpen(anyToken, 900);
                    List<Future<Integer>> sent = new ArrayList<>();
                    for (String p : players) {
                        for (String side : List.of("LOW", "HIGH")) {
                            if (placed.get() + sent.size() >= 200) break;
                            long amount = 10_000L * ThreadLocalRandom.current().nextInt(1, 500);
                            sent.add(pool.submit(() -> f.bet(tokens.get(p), side, amount).statusCode()));
                        }
                    }
                    for (Future<Integer> s : sent) {
                        int code = s.get();
                        assertTrue(code == 201 || code == 409, "unexpected status " + code);
                        if (code == 201) placed.incrementAndGet();
                    }
                    Thread.sleep(700);  // let the round close before the next batch
                }
            }
            TableFixture.await("every bet final", 20_000, () -> f.openBets() == 0);

            assertBalancesMatchSettledBets(f, players);
            assertEquals(200, f.jdbc().sql("SELECT count(*) FROM bets WHERE state IN ('LOST','WON')").query(Integer.class).single());
            assertJournalMatchesLedger(f);
            f.assertMoneyInvariantsHold();   // and once more when the fixture closes, as after every test on it
        }
    }

    /** Every player's demo-wallet balance is the starting balance minus settled stakes plus wins, to the micro. */
    static void assertBalancesMatchSettledBets(TableFixture f, List<String> players) {
        for (String p : players) {
            long stakes = f.jdbc().sql("SELECT coalesce(sum(amount_micro),0) FROM bets WHERE player_ref = :p AND state IN ('LOST','WON')")
                    .param("p", p).query(Long.class).single();
            long wins = f.jdbc().sql("SELECT coalesce(sum(payout_micro),0) FROM bets WHERE player_ref = :p AND state = 'WON'")
                    .param("p", p).query(Long.class).single();
            assertEquals(TableFixture.INITIAL_MICRO - stakes + wins, f.balance(p), "balance of " + p);
        }
    }

    static void assertJournalMatchesLedger(TableFixture f) {
        Map<UUID, Long> ours = new HashMap<>();
        Map<UUID, String> kinds = new HashMap<>();
        f.jdbc().sql("""
                SELECT transaction_uuid, endpoint, amount_micro, count(*) OVER (PARTITION BY transaction_uuid) AS n
                  FROM wallet_calls WHERE succeeded AND endpoint <> 'BALANCE'""")
                .query(rs -> {
                    UUID tx = rs.getObject(1, UUID.class);
                    assertEquals(1, rs.getInt("n"), "transaction " + tx + " succeeded more than once");
                    ours.put(tx, rs.getLong(3));
                    kinds.put(tx, rs.getString(2));
                });
        Map<UUID, Long> theirs = new HashMap<>();
        for (TableFixture.LedgerEntry e : f.ledgerEntries()) {
            if (!e.resultStatus().equals("RS_OK")) continue;  // refusals the wallet recorded moved nothing
            theirs.put(e.transactionUuid(), e.amountMicro());
            assertEquals(e.kind(), kinds.get(e.transactionUuid()), "kind of " + e.transactionUuid());
        }
        assertEquals(theirs, ours, "wallet_calls and the demo ledger");
    }
}
