package dev.yantra.round.port;

import dev.yantra.signing.RequestSigner;
import dev.yantra.signing.SecretBox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interim wallet client (wire-protocol §4) until dev.yantra.wallet.WalletClient is merged: signs with the
 * operator's OUTBOUND credential, classifies with {@link WalletClassification}, journals each call in wallet_calls.
 */
public final class HttpWalletPort implements WalletPort {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final Duration timeout;
    private final BreakerPort breaker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HttpWalletPort(JdbcClient jdbc, byte[] masterKey, Clock clock, Duration timeout, BreakerPort breaker) {
        this.jdbc = jdbc;
        this.secrets = new SecretBox(masterKey);
        this.clock = clock;
        this.timeout = timeout;
        this.breaker = breaker;
    }

    @Override
    public WalletReply bet(Call call) {
        return send("BET", call);
    }

    @Override
    public WalletReply win(Call call) {
        return send("WIN", call);
    }

    @Override
    public WalletReply rollback(Call call) {
        return send("ROLLBACK", call);
    }

    @Override
    public WalletReply balance(Call call) {
        return send("BALANCE", call);
    }

    private record Credential(String kid, byte[] secret, String url) {
    }

    private WalletReply send(String endpoint, Call call) {
        Credential cred = credential(call.operatorId());
        String body = body(endpoint, call);
        URI uri = URI.create(cred.url() + "/" + endpoint.toLowerCase());
        String ts = Long.toString(clock.instant().getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = RequestSigner.sign(cred.secret(), "POST", uri.getPath(), ts, bytes);
        long started = System.nanoTime();
        String status = null;
        Integer httpStatus = null;
        String responseBody = null;
        Long balance = null;
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("content-type", "application/json")
                    .header(RequestSigner.KEY_ID_HEADER, cred.kid())
                    .header(RequestSigner.TIMESTAMP_HEADER, ts)
                    .header(RequestSigner.SIGNATURE_HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            httpStatus = resp.statusCode();
            responseBody = resp.body() == null ? null : truncate(resp.body());
            if (httpStatus < 500) {
                JsonNode node = JSON.readTree(resp.body());
                if (node.hasNonNull("status")) status = node.get("status").asString();
                if (node.hasNonNull("balanceMicro")) balance = Long.parseLong(node.get("balanceMicro").asString());
            }
        } catch (java.net.http.HttpTimeoutException e) {
            status = "RS_ERROR_TIMEOUT";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            responseBody = truncate(String.valueOf(e));
        }
        int latencyMs = (int) ((System.nanoTime() - started) / 1_000_000);
        String classifiedStatus = "RS_ERROR_TIMEOUT".equals(status) ? null : status;
        WalletReply.Outcome outcome = WalletClassification.classify(endpoint, classifiedStatus);
        breaker.record(call.operatorId(), WalletClassification.breakerFailure(status));
        journal(endpoint, call, cred.kid(), body, responseBody, status, httpStatus, latencyMs, outcome);
        return new WalletReply(outcome, status, balance);
    }

    private Credential credential(UUID operatorId) {
        return jdbc.sql("""
                SELECT c.kid, c.secret_ciphertext, o.wallet_callback_url FROM operator_credentials c
                  JOIN operators o ON o.id = c.operator_id
                 WHERE c.operator_id = :op AND c.kind = 'OUTBOUND' AND c.revoked_at IS NULL
                   AND c.not_before <= now() AND (c.not_after IS NULL OR c.not_after > now())
                 ORDER BY c.not_before DESC LIMIT 1""")
                .param("op", operatorId)
                .query((rs, n) -> new Credential(rs.getString(1),
                        secrets.open(rs.getString(2), rs.getString(1)), stripSlash(rs.getString(3))))
                .optional()
                .orElseThrow(() -> new IllegalStateException("operator " + operatorId + " has no usable OUTBOUND credential"));
    }

    private static String stripSlash(String url) {
        if (url == null) throw new IllegalStateException("operator has no wallet_callback_url");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String body(String endpoint, Call call) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestUuid", call.requestUuid().toString());
        m.put("operatorId", call.operatorId().toString());
        m.put("playerRef", call.playerRef());
        m.put("currency", call.currency());
        m.put("gameCode", call.gameCode());
        if (!endpoint.equals("BALANCE")) {
            m.put("transactionUuid", call.transactionUuid().toString());
            if (call.referenceTransactionUuid() != null) {
                m.put("referenceTransactionUuid", call.referenceTransactionUuid().toString());
            }
            m.put("amountMicro", Long.toString(call.amountMicro()));
            m.put("roundId", call.roundId().toString());
        }
        return JSON.writeValueAsString(m);
    }

    private void journal(String endpoint, Call call, String kid, String requestBody, String responseBody,
                         String status, Integer httpStatus, int latencyMs, WalletReply.Outcome outcome) {
        boolean money = !endpoint.equals("BALANCE");
        boolean succeeded = money && outcome == WalletReply.Outcome.DONE;
        jdbc.sql("""
                INSERT INTO wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid,
                       reference_transaction_uuid, amount_micro, currency, player_ref, bet_id, round_id,
                       request_body, response_body, status, response_status, latency_ms, attempt, succeeded, kid)
                VALUES (:id, :op, :ep, :req, :tx, :ref, :amt, :cur, :player, :bet, :round,
                        :reqBody, :respBody, :status, :http, :lat, 1, :ok, :kid)""")
                .param("id", UUID.randomUUID()).param("op", call.operatorId()).param("ep", endpoint)
                .param("req", call.requestUuid()).param("tx", money ? call.transactionUuid() : null)
                .param("ref", money ? call.referenceTransactionUuid() : null)
                .param("amt", money ? call.amountMicro() : null).param("cur", call.currency())
                .param("player", call.playerRef()).param("bet", call.betId()).param("round", call.roundId())
                .param("reqBody", requestBody).param("respBody", responseBody).param("status", status)
                .param("http", httpStatus).param("lat", latencyMs)
                .param("ok", succeeded).param("kid", kid)
                .update();
    }

    private static String truncate(String s) {
        return s.length() > MAX_BODY_CHARS ? s.substring(0, MAX_BODY_CHARS) : s;
    }
}
