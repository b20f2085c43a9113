package dev.yantra.demo;

import dev.yantra.signing.RequestSigner;
import dev.yantra.signing.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Idempotently provisions what `yantra demo` shows: operator demo-casino (LKR, wallet on loopback), its OUTBOUND
 * credential, one enabled ketapola-dice table (48/48, commissionMicro 3000), and a fresh player session.
 * Safe to run on every start: existing rows are kept (the wallet URL follows the current port).
 */
public final class DemoProvisioner {
    public static final String OPERATOR_NAME = "demo-casino";
    public static final UUID OPERATOR_ID = UUID.nameUUIDFromBytes("yantra:demo-casino".getBytes(StandardCharsets.UTF_8));
    public static final String OUTBOUND_KID = "demo-casino-outbound";
    public static final String GAME_CODE = "ketapola-dice";
    public static final String CURRENCY = "LKR";
    static final String DEFAULT_CONFIG = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000}";

    private final JdbcClient jdbc;
    private final byte[] masterKey;
    private final UUID operatorId;
    private final String operatorName;
    private final String kid;

    public DemoProvisioner(JdbcClient jdbc, byte[] masterKey) {
        this(jdbc, masterKey, OPERATOR_ID, OPERATOR_NAME, OUTBOUND_KID);
    }

    /** Another operator set up like the demo one (e.g. a throw-away benchmark operator). */
    public DemoProvisioner(JdbcClient jdbc, byte[] masterKey, UUID operatorId, String operatorName, String kid) {
        this.jdbc = jdbc;
        this.masterKey = masterKey.clone();
        this.operatorId = operatorId;
        this.operatorName = operatorName;
        this.kid = kid;
    }

    public UUID operatorId() {
        return operatorId;
    }

    /** The wallet secret both sides know: derived from the master key, so it survives restarts without a file. */
    public static byte[] walletSecret(byte[] masterKey) {
        return RequestSigner.hmac(masterKey, "yantra demo wallet secret v1".getBytes(StandardCharsets.UTF_8));
    }

    public void provision(String walletUrl, String configJson) {
        jdbc.sql("""
                INSERT INTO operators (id, name, status, allowed_currencies, wallet_callback_url, compliance_contact)
                VALUES (:id, :name, 'ACTIVE', ARRAY['LKR'], :url, 'compliance@demo-casino.example')
                ON CONFLICT (id) DO UPDATE SET wallet_callback_url = EXCLUDED.wallet_callback_url, updated_at = now()""")
                .param("id", operatorId).param("name", operatorName).param("url", walletUrl).update();
        String sealed = new SecretBox(masterKey).seal(walletSecret(masterKey), kid);
        jdbc.sql("""
                INSERT INTO operator_credentials (id, operator_id, kid, kind, secret_ciphertext, created_by)
                VALUES (:id, :op, :kid, 'OUTBOUND', :ct, 'yantra demo')
                ON CONFLICT (kid) DO NOTHING""")
                .param("id", UUID.randomUUID()).param("op", operatorId).param("kid", kid).param("ct", sealed)
                .update();
        jdbc.sql("""
                INSERT INTO operator_game_configs (id, operator_id, game_code, currency, enabled, config, updated_by)
                VALUES (:id, :op, :game, :cur, true, CAST(:cfg AS jsonb), 'yantra demo')
                ON CONFLICT (operator_id, game_code, currency) DO NOTHING""")
                .param("id", UUID.randomUUID()).param("op", operatorId).param("game", GAME_CODE).param("cur", CURRENCY)
                .param("cfg", configJson == null ? DEFAULT_CONFIG : configJson).update();
    }

    /** A new session for a player; returns its bearer token (only its SHA-256 is stored, as SessionStore does). */
    public String createSession(String playerRef, String mode, Long demoBalanceMicro, Duration ttl, Instant now) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.sql("""
                INSERT INTO game_sessions (id, operator_id, request_uuid, player_ref, game_code, currency, lang, mode,
                       token_hash, demo_balance_micro, expires_at)
                VALUES (:id, :op, :req, :player, :game, :cur, 'en', :mode, :hash, :demo, :exp)""")
                .param("id", UUID.randomUUID()).param("op", operatorId).param("req", UUID.randomUUID())
                .param("player", playerRef).param("game", GAME_CODE).param("cur", CURRENCY).param("mode", mode)
                .param("hash", RequestSigner.sha256Hex(token.getBytes(StandardCharsets.US_ASCII))).param("demo", demoBalanceMicro)
                .param("exp", OffsetDateTime.ofInstant(now.plus(ttl), ZoneOffset.UTC)).update();
        return token;
    }
}
