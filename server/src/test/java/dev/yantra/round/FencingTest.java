package dev.yantra.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yantra.db.Database;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.fairness.SeedCipher;
import dev.yantra.games.GameRegistry;
import dev.yantra.round.port.SqlJobPort;
import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
import dev.yantra.testing.Await;
import dev.yantra.testing.SettableClock;
import dev.yantra.testing.TestPostgres;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two engine nodes (different owners) on one database, driven tick by tick. */
class FencingTest {
    private static final byte[] KEY = new byte[32];
    private Database db;
    private TableSpec spec;
    private final GameRegistry games = GameRegistry.standard();

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshDatabase();
        new DemoProvisioner(db.jdbc(), KEY).provision("http://127.0.0.1:9/wallet",
                "{\"bettingMs\":60000,\"rollingMs\":200,\"cooldownMs\":200}");
        TableDirectory dir = new TableDirectory(db.jdbc(), games);
        dir.ensureTables();
        spec = dir.list().getFirst();
    }

    @AfterEach
    void tearDown() {
        db.close(false);
    }

    private TableRunner runner(Fence fence) {
        return runner(fence, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private TableRunner runner(Fence fence, Clock clock) {
        WalletPort noWallet = new WalletPort() {
            public WalletReply bet(Call c) { throw new AssertionError("no wallet call expected"); }
            public WalletReply win(Call c, Duration within) { throw new AssertionError("no wallet call expected"); }
            public WalletReply rollback(Call c) { throw new AssertionError("no wallet call expected"); }
            public WalletReply balance(Call c) { throw new AssertionError("no wallet call expected"); }
        };
        RoundStore rounds = new RoundStore(db.jdbc());
        BetStore bets = new BetStore(db.jdbc());
        ChainStore chains = new ChainStore(db.jdbc(), new SeedCipher(KEY, new SecureRandom()), new SecureRandom(), 100);
        Settlement settlement = new Settlement(db.tx(), rounds, bets, chains, noWallet, new SqlJobPort(db.jdbc()), clock);
        return new TableRunner(fence, new TableGame(games.get(spec.gameCode())), db.tx(), rounds, bets, chains,
                settlement, clock, "test-build", Duration.ofSeconds(1));
    }

    private void expireLease() {
        db.jdbc().sql("UPDATE game_tables SET lease_expires_at = now() - interval '1 second'").update();
    }

    private Instant leaseExpiry() {
        return db.jdbc().sql("SELECT lease_expires_at FROM game_tables WHERE id = :id").param("id", spec.tableId())
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    @Test
    void the_engine_keeps_renewing_its_table_lease_after_the_node_clock_steps_an_hour_backwards() {
        // The node's one clock (what its rounds and stores read) steps back as NTP may; the engine times its renewals
        // with System.nanoTime and the lease's expiry is the database's, so renewal must carry on regardless.
        SettableClock clock = SettableClock.atNow();
        TableLease lease = new TableLease(db.jdbc(), "node-a");
        TableEngine engine = new TableEngine(new TableDirectory(db.jdbc(), games), lease, games, f -> runner(f, clock));
        engine.start();
        try {
            Fence held = Await.present("node-a to take the table", Duration.ofSeconds(10), () -> engine.fenceOf(spec.tableId()));
            Instant beforeStep = leaseExpiry();
            clock.advance(Duration.ofHours(-1));

            // Past a whole TTL after the step: a lease not renewed since then would have expired by now.
            Instant renewed = Await.value("a renewal a full TTL after the clock step", Duration.ofSeconds(20),
                    this::leaseExpiry, at -> at.isAfter(beforeStep.plusMillis(TableLease.TTL_MS)));
            assertTrue(renewed.isAfter(beforeStep.plusMillis(TableLease.TTL_MS)));
            assertEquals(held, engine.fenceOf(spec.tableId()).orElseThrow(), "the same lease, the same epoch");
            assertTrue(new TableLease(db.jdbc(), "node-b").tryAcquire(spec.tableId()).isEmpty(),
                    "another node still cannot take the table");
        } finally {
            engine.close();
        }
    }

    @Test
    void a_node_whose_epoch_is_stale_cannot_write_a_round_and_the_new_leader_voids_what_it_left() {
        TableLease leaseA = new TableLease(db.jdbc(), "node-a");
        TableLease leaseB = new TableLease(db.jdbc(), "node-b");
        Fence a = leaseA.tryAcquire(spec.tableId()).orElseThrow();
        assertTrue(leaseB.tryAcquire(spec.tableId()).isEmpty(), "a held lease is not taken");
        TableRunner runnerA = runner(a);
        runnerA.tick(spec);
        RoundRow open = new RoundStore(db.jdbc()).findInFlight(spec.tableId()).orElseThrow();
        assertEquals(1, open.nonce());

        expireLease();
        Fence b = leaseB.tryAcquire(spec.tableId()).orElseThrow();
        assertEquals(a.epoch() + 1, b.epoch());
        assertTrue(!leaseA.renew(a), "the old leader cannot renew");
        RoundStore stale = new RoundStore(db.jdbc());
        assertThrows(LeaseLostException.class, () -> db.tx().executeWithoutResult(s ->
                stale.closeBetting(a, open.id(), Instant.now())));
        assertThrows(LeaseLostException.class, () -> db.tx().executeWithoutResult(s ->
                stale.insertOpen(a, new RoundStore.NewRound(UUID.randomUUID(), spec.operatorId(), spec.gameCode(),
                        spec.currency(), open.chainId(), 99, open.serverSeedHash(), open.clientSeed(), 1, "{}",
                        "ketapola-rng-v1", "x", Instant.now(), Instant.now()))));

        runner(b).tick(spec);  // takeover: the round left in BETTING_OPEN is voided
        RoundRow voided = stale.find(open.id()).orElseThrow();
        assertEquals(RoundState.VOIDED, voided.state());
        assertNotNull(voided.serverSeed(), "a voided round reveals its seed");
        assertEquals("leader_lost", db.jdbc().sql("SELECT void_reason FROM rounds WHERE id = :id")
                .param("id", open.id()).query(String.class).single());
        assertEquals(1, db.jdbc().sql("SELECT count(*) FROM rounds").query(Integer.class).single());
    }

    @Test
    void a_chain_is_committed_before_its_first_round_and_the_next_one_before_it_runs_out() {
        ChainStore chains = new ChainStore(db.jdbc(), new SeedCipher(KEY, new SecureRandom()), new SecureRandom(), 10);
        String previous = null;
        for (int i = 1; i <= 25; i++) {
            ChainStore.Draw d = db.tx().execute(s -> chains.next(spec.tableId()));
            assertEquals(dev.yantra.fairness.Seeds.sha256Hex(d.serverSeed()), d.serverSeedHash());
            if (d.nonce() > 1) assertEquals(previous, d.serverSeedHash(), "round k announces s_{k-1}, the seed of k-1's hash");
            previous = d.serverSeed();
            assertTrue(db.jdbc().sql("SELECT count(*) FROM fairness_chains WHERE exhausted_at IS NULL")
                    .query(Integer.class).single() >= 1, "a committed chain is always ready");
        }
        assertEquals(3, db.jdbc().sql("SELECT count(*) FROM fairness_chains").query(Integer.class).single());
    }
}
