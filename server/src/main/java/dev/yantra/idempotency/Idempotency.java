package dev.yantra.idempotency;

import dev.yantra.api.ApiException;
import dev.yantra.db.Database;
import dev.yantra.signing.RequestSigner;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns inbound_idempotency: the atomic claim on (operator, requestUuid, endpoint) that makes every mutating
 * call run at most once, and the replay of its stored status and body for 24 h.
 *
 * <p>The claim is one {@code INSERT ... ON CONFLICT DO NOTHING}, committed on its own; the loser of a race
 * polls until the winner stored its response (bounded wait). The work and the storing of its response run in
 * one transaction, so a response is stored exactly when the work's writes committed; if the work throws, the
 * claim is released and a retry runs it again. A claim left by a crashed node is taken over after
 * {@link #STALE_CLAIM_SECONDS} — safe because its work's transaction never committed.
 *
 * <p>Works that call out of the database (a wallet, a banca) should keep their outcome idempotent on their
 * side too (a transactionUuid), since the transaction cannot undo a remote effect.
 */
@Component
public class Idempotency {
    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
    static final int STALE_CLAIM_SECONDS = 60;
    private static final long WAIT_FOR_WINNER_MS = 10_000;
    private static final long POLL_MS = 20;
    private static final int CLEANUP_BATCH = 10_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "idempotency-janitor");
        t.setDaemon(true);
        return t;
    });

    /** An HTTP outcome to store and replay byte for byte. */
    public record StoredResponse(int status, String body) {
    }

    public Idempotency(Database db) {
        this.jdbc = db.jdbc();
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        janitor.scheduleWithFixedDelay(this::cleanupQuietly, 5, 300, TimeUnit.SECONDS);
    }

    public static String bodyHash(String canonicalBody) {
        return RequestSigner.sha256Hex(canonicalBody.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code work} once per key, or returns the response stored by the run that did.
     *
     * @throws ApiException 409 idempotency_key_reused when the key was used with another canonical body;
     *                      409 request_in_progress when the first run is still going after the bounded wait
     */
    public StoredResponse execute(UUID operatorId, UUID requestUuid, String endpoint, String canonicalBody, String kid,
                                  String sourceIp, Supplier<StoredResponse> work) {
        String hash = bodyHash(canonicalBody);
        long deadline = System.nanoTime() + WAIT_FOR_WINNER_MS * 1_000_000;
        while (true) {
            if (claim(operatorId, requestUuid, endpoint, hash, kid, sourceIp)) {
                return runClaimed(operatorId, requestUuid, endpoint, work);
            }
            Optional<Row> row = read(operatorId, requestUuid, endpoint);
            if (row.isEmpty()) continue;                       // released or cleaned up meanwhile: claim again
            Row r = row.get();
            if (r.expired()) {
                jdbc.sql("DELETE FROM inbound_idempotency WHERE operator_id = ? AND request_uuid = ? AND endpoint = ? AND expires_at <= now()")
                        .params(operatorId, requestUuid, endpoint).update();
                continue;
            }
            if (!r.bodyHash().equals(hash)) {
                throw new ApiException(409, "idempotency_key_reused", "requestUuid " + requestUuid + " was already used with a different body");
            }
            if (r.status() != null) return new StoredResponse(r.status(), r.body());
            if (r.stale() && takeOver(operatorId, requestUuid, endpoint, kid, sourceIp)) {
                log.warn("taking over a stale idempotency claim {} {} {}", operatorId, requestUuid, endpoint);
                return runClaimed(operatorId, requestUuid, endpoint, work);
            }
            if (System.nanoTime() > deadline) {
                throw new ApiException(409, "request_in_progress", "a request with this requestUuid is still being processed; retry later");
            }
            sleep();
        }
    }

    private record Row(String bodyHash, Integer status, String body, boolean expired, boolean stale) {
    }

    private boolean claim(UUID operatorId, UUID requestUuid, String endpoint, String hash, String kid, String ip) {
        return jdbc.sql("""
                        INSERT INTO inbound_idempotency (operator_id, request_uuid, endpoint, body_hash, kid, source_ip)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(operatorId, requestUuid, endpoint, hash, kid, ip).update() == 1;
    }

    private boolean takeOver(UUID operatorId, UUID requestUuid, String endpoint, String kid, String ip) {
        return jdbc.sql("""
                        UPDATE inbound_idempotency SET created_at = now(), kid = ?, source_ip = ?
                        WHERE operator_id = ? AND request_uuid = ? AND endpoint = ? AND status_code IS NULL
                          AND created_at < now() - make_interval(secs => ?)""")
                .params(kid, ip, operatorId, requestUuid, endpoint, STALE_CLAIM_SECONDS).update() == 1;
    }

    private Optional<Row> read(UUID operatorId, UUID requestUuid, String endpoint) {
        return jdbc.sql("""
                        SELECT body_hash, status_code, response_body, expires_at <= now() AS expired,
                               created_at < now() - make_interval(secs => ?) AS stale
                        FROM inbound_idempotency WHERE operator_id = ? AND request_uuid = ? AND endpoint = ?""")
                .params(STALE_CLAIM_SECONDS, operatorId, requestUuid, endpoint)
                .query((rs, n) -> new Row(rs.getString("body_hash"), (Integer) rs.getObject("status_code"),
                        rs.getString("response_body"), rs.getBoolean("expired"), rs.getBoolean("stale")))
                .optional();
    }

    private StoredResponse runClaimed(UUID operatorId, UUID requestUuid, String endpoint, Supplier<StoredResponse> work) {
        try {
            return tx.execute(status -> {
                StoredResponse response = work.get();
                int rows = jdbc.sql("""
                                UPDATE inbound_idempotency SET status_code = ?, response_body = ?, completed_at = now()
                                WHERE operator_id = ? AND request_uuid = ? AND endpoint = ? AND status_code IS NULL""")
                        .params(response.status(), response.body(), operatorId, requestUuid, endpoint).update();
                if (rows != 1) throw new IllegalStateException("idempotency claim " + requestUuid + " lost while running (" + rows + " rows)");
                return response;
            });
        } catch (RuntimeException e) {
            jdbc.sql("DELETE FROM inbound_idempotency WHERE operator_id = ? AND request_uuid = ? AND endpoint = ? AND status_code IS NULL")
                    .params(operatorId, requestUuid, endpoint).update();
            throw e;
        }
    }

    /** Deletes expired rows in bounded batches; returns how many. */
    public int cleanup() {
        int total = 0;
        int n;
        do {
            n = jdbc.sql("""
                            DELETE FROM inbound_idempotency WHERE ctid IN (
                              SELECT ctid FROM inbound_idempotency WHERE expires_at <= now() LIMIT ?)""")
                    .param(CLEANUP_BATCH).update();
            total += n;
        } while (n == CLEANUP_BATCH);
        return total;
    }

    private void cleanupQuietly() {
        try {
            int n = cleanup();
            if (n > 0) log.info("deleted {} expired idempotency rows", n);
        } catch (RuntimeException e) {
            log.warn("idempotency cleanup failed: {}", e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "interrupted while waiting for a concurrent duplicate");
        }
    }

    @PreDestroy
    void stop() {
        janitor.shutdownNow();
    }
}
