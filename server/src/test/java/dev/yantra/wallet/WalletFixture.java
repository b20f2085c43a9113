package dev.yantra.wallet;

import dev.yantra.breaker.BreakerSettings;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.demowallet.Faults;
import dev.yantra.testing.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh database, a real demo wallet on loopback, one operator whose callback URL points at it, and a wallet
 * client signing with the key the wallet knows. Bets are written with the whole chain they reference.
 */
public final class WalletFixture implements AutoCloseable {
    public static final String KID = "test-outbound-1";
    public static final byte[] SECRET = "test-outbound-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    public final YantraEnv env;
    public final Database db;
    public final JdbcClient jdbc;
    public final DemoWallet demo;
    public final UUID operatorId = UUID.randomUUID();
    public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final CounterpartyBreakers breakers;
    public final WalletClient client;
    private UUID roundId;
    private UUID sessionId;

    public WalletFixture(Duration timeout, BreakerSettings breakerSettings) {
        env = TestPostgres.freshEnv(1);
        db = Database.open(env, "yantra-test", 30, null);
        db.migrate();
        jdbc = db.jdbc();
        demo = DemoWallet.start(db.dataSource(), 0, 0, Map.of(KID, SECRET), Clock.systemUTC(), 1_000_000_000L);
        jdbc.sql("INSERT INTO operators (id, name, compliance_contact, wallet_callback_url) VALUES (?, ?, 'c@example.com', ?)")
                .params(operatorId, "op-" + operatorId, demo.callbackUrl()).update();
        breakers = new CounterpartyBreakers("operator", "operatorId", breakerSettings, meters);
        client = clientWith(new OutboundCredentials.Credential(KID, SECRET), timeout);
    }

    public WalletFixture() {
        this(Duration.ofSeconds(2), BreakerSettings.DEFAULTS);
    }

    public WalletClient clientWith(OutboundCredentials.Credential credential, Duration timeout) {
        return new WalletClient(WalletClient.defaultHttpClient(timeout), op -> credential, new SqlWalletEndpoints(jdbc),
                breakers, jdbc, meters, Clock.systemUTC(), timeout);
    }

    public void faults(Faults f) {
        demo.setFaults(f);
    }

    public String databaseUrl() {
        return env.databaseUrl().orElseThrow();
    }

    /** A bet row in {@code state}, with its table, chain, round and session created on first use. */
    public Bet bet(String playerRef, long amountMicro, String state) {
        ensureRound();
        UUID id = UUID.randomUUID();
        UUID tx = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO bets (id, round_id, session_id, operator_id, player_ref, currency, request_uuid, transaction_uuid,
                                  amount_micro, selection, state, payout_micro)
                VALUES (?, ?, ?, ?, ?, 'LKR', ?, ?, ?, '{"side":"LOW"}'::jsonb, ?, ?)""")
                .params(id, roundId, sessionId, operatorId, playerRef, UUID.randomUUID(), tx, amountMicro, state, amountMicro * 2)
                .update();
        return new Bet(id, roundId, playerRef, amountMicro, tx);
    }

    public record Bet(UUID id, UUID roundId, String playerRef, long amountMicro, UUID transactionUuid) {
    }

    public String betState(UUID betId) {
        return jdbc.sql("SELECT state FROM bets WHERE id = ?").param(betId).query(String.class).single();
    }

    public long walletCalls() {
        return jdbc.sql("SELECT count(*) FROM wallet_calls").query(Long.class).single();
    }

    public long balance(String playerRef) {
        return jdbc.sql("SELECT balance_micro FROM demo_wallet_players WHERE player_ref = ? AND currency = 'LKR'")
                .param(playerRef).query(Long.class).single();
    }

    private synchronized void ensureRound() {
        if (roundId != null) return;
        UUID tableId = UUID.randomUUID();
        UUID chainId = UUID.randomUUID();
        roundId = UUID.randomUUID();
        sessionId = UUID.randomUUID();
        jdbc.sql("INSERT INTO game_tables (id, operator_id, game_code, currency) VALUES (?, ?, 'ketapola-dice', 'LKR')")
                .params(tableId, operatorId).update();
        jdbc.sql("INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext) VALUES (?, ?, 'c', 's0', 10, 'x')")
                .params(chainId, tableId).update();
        jdbc.sql("""
                INSERT INTO rounds (id, table_id, operator_id, game_code, currency, chain_id, nonce, server_seed_hash, client_seed,
                                    config_version, config, rng_version, build_hash, lease_epoch, state)
                VALUES (?, ?, ?, 'ketapola-dice', 'LKR', ?, 1, 'h', 'c', 1, '{}'::jsonb, 'ketapola-rng-v1', 'test', 1, 'RESULT')""")
                .params(roundId, tableId, operatorId, chainId).update();
        jdbc.sql("""
                INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, token_hash, expires_at)
                VALUES (?, ?, ?, 'p', 'ketapola-dice', 'LKR', ?, now() + interval '1 hour')""")
                .params(sessionId, operatorId, UUID.randomUUID(), UUID.randomUUID().toString()).update();
    }

    @Override
    public void close() {
        demo.close();
        db.close();
    }
}
