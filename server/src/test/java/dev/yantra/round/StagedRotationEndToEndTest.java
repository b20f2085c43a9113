package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.demo.DemoProvisioner;
import dev.yantra.operator.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A running node, the real demo wallet and bets placed all along. The
 * new outbound key is staged (we keep signing with the old one), the wallet learns the new key, the key is
 * activated, the wallet forgets the old key — and no bet fails and the wallet never answers 401. The old key's
 * overlap then ends and it is EXPIRED.
 */
class StagedRotationEndToEndTest {

    @Test
    void an_outbound_key_is_staged_then_activated_while_bets_run_and_no_wallet_call_is_refused() throws Exception {
        try (TableFixture f = new TableFixture(2000, 300)) {
            CredentialStore credentials = f.nodes.getFirst().context().getBean(CredentialStore.class);
            String oldKid = DemoProvisioner.OUTBOUND_KID;
            AtomicBoolean playing = new AtomicBoolean(true);
            List<String> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> player = pool.submit(() -> {
                String token = f.session("rotation-player", "real", null);
                String lastRound = null;
                while (playing.get()) {
                    // one bet per round: a second LOW in the same round is the player's own 409 duplicate_bet
                    String round = f.awaitBettingOpen(token, 150);
                    if (round.equals(lastRound)) {
                        Thread.sleep(50);
                        continue;
                    }
                    lastRound = round;
                    var answer = f.bet(token, "LOW", 10_000);
                    statuses.add(answer.statusCode() == 201 ? "201" : answer.statusCode() + " " + answer.body());
                }
                return null;
            });
            try {
                awaitCalls(f, oldKid, 2);

                // 1. staged: the operator's wallet does not know the new key yet, and we do not sign with it
                CredentialStore.Issued fresh = credentials.issue(DemoProvisioner.OPERATOR_ID, CredentialStore.Kind.OUTBOUND, null,
                        "the-operators-own-secret-0123456789", "test");
                String newKid = fresh.credential().kid();
                assertThat(fresh.credential().state()).isEqualTo("ISSUED");
                assertThat(fresh.secret()).as("an imported secret is never shown back").isNull();
                long callsBefore = callsWith(f, oldKid);
                TableFixture.await("two more bets signed with the old key", 20_000, () -> callsWith(f, oldKid) >= callsBefore + 2);
                assertThat(callsWith(f, newKid)).isZero();

                // 2. the wallet accepts the new key, then we activate it with a short overlap
                f.wallet.addSecret(newKid, "the-operators-own-secret-0123456789".getBytes(StandardCharsets.UTF_8));
                CredentialStore.Activated a = credentials.activate(newKid, null, Duration.ofSeconds(3), "test");
                assertThat(a.credential().state()).isEqualTo("ACTIVE");
                assertThat(a.retiring()).extracting(CredentialStore.Credential::kid).containsExactly(oldKid);
                assertThat(credentials.get(oldKid).state()).isEqualTo("RETIRING");
                TableFixture.await("a bet signed with the new key", 20_000, () -> callsWith(f, newKid) >= 1);

                // 3. the wallet forgets the old key (a node's 1 s key cache has long moved on) and play goes on
                Thread.sleep(1_200);
                f.wallet.removeSecret(oldKid);
                long newCalls = callsWith(f, newKid);
                TableFixture.await("two more bets on the new key alone", 20_000, () -> callsWith(f, newKid) >= newCalls + 2);

                // 4. the overlap ends: the old key is expired and nothing signs with it
                TableFixture.await("the old key's overlap to end", 10_000, () -> "EXPIRED".equals(credentials.get(oldKid).state()));
                assertThat(credentials.currentOutbound(DemoProvisioner.OPERATOR_ID).kid()).isEqualTo(newKid);
            } finally {
                playing.set(false);
                player.get();
                pool.shutdown();
            }
            // a bet that reached the round as it closed is the player's 409 betting_closed (timing, not the key); every
            // other answer must be 201
            assertThat(statuses).filteredOn(s -> !s.startsWith("409") || !s.contains("betting_closed")).isNotEmpty()
                    .allMatch(s -> s.equals("201"));
            assertThat(statuses.stream().filter(s -> s.equals("201")).count()).as("bets accepted across the rotation").isGreaterThanOrEqualTo(5);
            assertThat(f.jdbc().sql("SELECT count(*) FROM wallet_calls WHERE response_status = 401 OR status = 'RS_ERROR_INVALID_SIGNATURE'")
                    .query(Long.class).single()).as("wallet calls refused for their signature").isZero();
            assertThat(f.jdbc().sql("SELECT count(*) FROM bets WHERE state = 'REJECTED'").query(Long.class).single()).isZero();
        }
    }

    private static long callsWith(TableFixture f, String kid) {
        return f.jdbc().sql("SELECT count(*) FROM wallet_calls WHERE kid = ?").param(kid).query(Long.class).single();
    }

    private static void awaitCalls(TableFixture f, String kid, long n) throws InterruptedException {
        TableFixture.await(n + " wallet calls signed with " + kid, 20_000, () -> callsWith(f, kid) >= n);
    }
}
