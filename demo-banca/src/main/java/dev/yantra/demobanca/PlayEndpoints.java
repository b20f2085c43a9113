package dev.yantra.demobanca;

import com.sun.net.httpserver.HttpExchange;
import dev.yantra.signing.BancaSignature;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a banca serves Yantra: {@code POST /v1/plays/register} and {@code GET /v1/plays/{playIdBanca}/status},
 * both signed (docs/banca-integration-guide.md). Every refusal of the caller's credentials is a 401 — a stale
 * timestamp included — because the fix is on the caller's side and Yantra keeps such a play queued and flags it,
 * where a 400 would end the play after a few tries.
 */
final class PlayEndpoints {
    static final String REGISTER_PATH = "/v1/plays/register";
    private static final Pattern STATUS_PATH = Pattern.compile("/v1/plays/([A-Za-z0-9_.-]{1,64})/status");

    private final PlayLedger ledger;
    private final BancaSecrets secrets;
    private final Supplier<Faults> faults;
    private final WebhookSender webhooks;
    private final Clock clock;
    private final Duration maxSkew;

    PlayEndpoints(PlayLedger ledger, BancaSecrets secrets, Supplier<Faults> faults, WebhookSender webhooks, Clock clock,
                  Duration maxSkew) {
        this.ledger = ledger;
        this.secrets = secrets;
        this.faults = faults;
        this.webhooks = webhooks;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Matcher status = STATUS_PATH.matcher(path);
            boolean register = path.equals(REGISTER_PATH);
            if (!register && !status.matches()) {
                Http.error(ex, 404, "not_found", null);
                return;
            }
            if (!method.equals(register ? "POST" : "GET")) {
                ex.getResponseHeaders().set("allow", register ? "POST" : "GET");
                Http.error(ex, 405, "method_not_allowed", null);
                return;
            }
            byte[] body;
            try {
                body = Http.readBody(ex);
            } catch (Http.BodyTooLarge e) {
                Http.error(ex, 413, "body_too_large", e.getMessage());
                return;
            }
            Faults f = faults.get();
            Http.sleep(f.slowMs());
            if (f.rollError()) {
                Http.sendText(ex, 503, "injected fault: banca unavailable");
                return;
            }
            Optional<String> keyId = authenticate(ex, method, path, body);
            if (keyId.isEmpty()) return;
            if (register) register(ex, body, keyId.get(), f);
            else status(ex, status.group(1), f);
        } catch (RuntimeException e) {
            Http.sendText(ex, 500, "internal error: " + e.getMessage());
        }
    }

    /** The id of the secret the request verifies under, or empty after answering 401. */
    private Optional<String> authenticate(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        String signature = ex.getRequestHeaders().getFirst(BancaSignature.SIGNATURE_HEADER);
        String timestamp = ex.getRequestHeaders().getFirst(BancaSignature.TIMESTAMP_HEADER);
        if (signature == null || signature.isBlank()) {
            Http.error(ex, 401, "signature_missing", "X-Signature is required");
            return Optional.empty();
        }
        Optional<Instant> at = BancaSignature.parseTimestamp(timestamp);
        if (at.isEmpty()) {
            Http.error(ex, 401, "timestamp_invalid", "X-Timestamp must be an ISO-8601 instant, epoch seconds or epoch millis");
            return Optional.empty();
        }
        if (!BancaSignature.isFresh(at.get(), clock.instant(), maxSkew)) {
            Http.error(ex, 401, "timestamp_skewed", "X-Timestamp is more than " + maxSkew.toSeconds() + " s from the banca's clock");
            return Optional.empty();
        }
        Optional<String> keyId = secrets.verify(method, path, timestamp, body, signature);
        if (keyId.isEmpty()) Http.error(ex, 401, "signature_invalid", "X-Signature verifies under no secret this banca holds");
        return keyId;
    }

    private void register(HttpExchange ex, byte[] body, String keyId, Faults f) throws IOException {
        Map<String, Object> req = Http.parseObject(body);
        if (req == null) {
            Http.error(ex, 400, "invalid_json", "the body must be a JSON object");
            return;
        }
        UUID requestId = uuid(req.get("requestId"));
        if (requestId == null) {
            Http.error(ex, 400, "invalid_request", "requestId must be a UUID");
            return;
        }
        String key = ex.getRequestHeaders().getFirst(BancaSignature.IDEMPOTENCY_KEY_HEADER);
        if (key == null || key.isBlank()) {
            Http.error(ex, 400, "idempotency_key_required", "Idempotency-Key must be sent, equal to requestId");
            return;
        }
        if (!requestId.equals(uuid(key.trim()))) {
            Http.error(ex, 400, "idempotency_key_mismatch", "Idempotency-Key must equal the body's requestId");
            return;
        }
        Optional<String> invalid = invalidPlay(req.get("play"));
        if (invalid.isPresent()) {
            Http.send(ex, 422, Map.of("status", Play.REJECTED, "reason", "invalid_play", "message", invalid.get()));
            return;
        }
        PlayLedger.Registered r;
        try {
            r = ledger.register(newPlay(requestId, req, keyId, f));
        } catch (IllegalArgumentException e) {
            Http.error(ex, 400, "invalid_json", e.getMessage());
            return;
        }
        if (!r.sameRequest()) {
            Http.error(ex, 409, "idempotency_key_reused", "this requestId was registered with a different body");
            return;
        }
        if (r.created() && !r.play().decided()) webhooks.schedule(r.play(), f.webhookDelayMs());
        if (f.rollTimeout()) Http.sleep(f.timeoutSleepMs());   // registered, but the caller gave up long ago
        Http.send(ex, r.play().decided() ? 200 : 202, r.play().registerAnswer());
    }

    private PlayLedger.NewPlay newPlay(UUID requestId, Map<String, Object> req, String keyId, Faults f) {
        @SuppressWarnings("unchecked")
        Map<String, Object> play = (Map<String, Object>) req.get("play");
        String status;
        String ticket = null;
        String reason = null;
        if (!f.rollSync()) {
            status = Play.ACCEPTED;
        } else if (f.rollConfirm()) {
            status = Play.CONFIRMED;
            ticket = PlayLedger.newTicketCode();
        } else {
            status = Play.REJECTED;
            reason = rejectionReason(f);
        }
        return new PlayLedger.NewPlay(requestId, status, ticket, reason, (String) play.get("lotteryId"),
                (String) play.get("betType"), Http.write(req), keyId, clock.instant());
    }

    static String rejectionReason(Faults f) {
        return f.forceReject() ? "forced_reject" : "number_sold_out";
    }

    private void status(HttpExchange ex, String playIdBanca, Faults f) throws IOException {
        Optional<Play> p = ledger.byPlayIdBanca(playIdBanca);
        if (f.rollTimeout()) Http.sleep(f.timeoutSleepMs());
        if (p.isEmpty()) Http.error(ex, 404, "unknown_play", "no play " + playIdBanca + " at this banca");
        else Http.send(ex, 200, p.get().statusAnswer());
    }

    /** Why the play object is unusable, or empty when it has what a banca needs to sell it. */
    static Optional<String> invalidPlay(Object value) {
        if (!(value instanceof Map<?, ?> play)) return Optional.of("play must be an object");
        if (!(play.get("lotteryId") instanceof String l) || l.isBlank() || l.length() > 64) {
            return Optional.of("play.lotteryId must be a string of 1..64 characters");
        }
        if (!(play.get("betType") instanceof String b) || b.isBlank() || b.length() > 32) {
            return Optional.of("play.betType must be a string of 1..32 characters");
        }
        if (!(play.get("numbers") instanceof List<?> numbers) || numbers.isEmpty() || numbers.size() > 10
                || !numbers.stream().allMatch(n -> n instanceof String s && !s.isEmpty() && s.length() <= 8)) {
            return Optional.of("play.numbers must be a list of 1..10 strings");
        }
        Object amount = play.get("amount");
        if (!(amount instanceof Number || amount instanceof String s && !s.isBlank())) {
            return Optional.of("play.amount must be a number or a decimal string");
        }
        return Optional.empty();
    }

    private static UUID uuid(Object v) {
        if (!(v instanceof String s) || s.length() != 36) return null;
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
