package dev.yantra.lottery.webhook;

import dev.yantra.api.Json;
import dev.yantra.counterparty.SignatureScheme;
import dev.yantra.lottery.banca.BancaAnswer;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.lottery.plays.PlayStore;
import dev.yantra.signing.BancaSignature;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A banca's confirmation webhook, decided in the fixed order of docs/lottery-hub.md. Everything up to the
 * signature check works on the raw bytes; the body is parsed only once some banca's live secret has verified
 * it. Valid events are stored in webhook_events with a dedup key (banca, requestId, status): a repeat of an
 * applied event is 200 and changes nothing; an event that contradicts a settled play is 409, stored flagged.
 */
public final class BancaWebhook {
    public static final String PATH = "/webhooks/plays/confirmation";
    public static final Duration MAX_SKEW = BancaSignature.DEFAULT_MAX_SKEW;
    public static final List<String> OUTCOMES = List.of("applied", "duplicate", "rejected_signature", "rejected_timestamp",
            "unknown_play", "conflict", "invalid");

    /** The answer: HTTP status, error code (null for success) and message. */
    public record Reply(int status, String error, String message) {
        String body() {
            return error == null ? Json.write(Map.of("status", "ok", "message", message)) : Json.error(error, message);
        }
    }

    private final BancaCredentials credentials;
    private final PlayStore plays;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RefusalSampler refusals;

    public BancaWebhook(BancaCredentials credentials, PlayStore plays, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
                        MeterRegistry meters) {
        this.credentials = credentials;
        this.plays = plays;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
        this.refusals = new RefusalSampler(jdbc, clock);
        for (String o : OUTCOMES) counted(o);
        meters.counter("webhook_signature_failures", "banca", "unknown");
    }

    public Reply handle(String signature, String timestamp, String keyIdHint, byte[] raw, String sourceIp) {
        if (signature == null || signature.isBlank()) {
            return refuse("rejected_signature", 401, "missing_signature", "X-Signature is required", keyIdHint, sourceIp, raw);
        }
        Optional<Instant> ts = BancaSignature.parseTimestamp(timestamp);
        if (ts.isEmpty()) {
            return refuse("rejected_timestamp", 400, "invalid_timestamp", "X-Timestamp is missing or unreadable", keyIdHint, sourceIp, raw);
        }
        Optional<BancaCredentials.InboundSecret> signer = credentials.inboundSecrets().stream()
                .filter(s -> SignatureScheme.BANCA.verify(s.secret(), "POST", PATH, timestamp, raw, signature))
                .findFirst();
        if (signer.isEmpty()) {
            return refuse("rejected_signature", 401, "invalid_signature", "the signature matches no active banca secret", keyIdHint, sourceIp, raw);
        }
        if (!BancaSignature.isFresh(ts.get(), clock.instant(), MAX_SKEW)) {
            return refuse("rejected_timestamp", 400, "stale_timestamp", "X-Timestamp is more than 120 s from our clock", keyIdHint, sourceIp, raw);
        }
        UUID bancaId = signer.get().bancaId();
        String payload = new String(raw, StandardCharsets.UTF_8);
        Event e = Event.parse(raw);
        if (e == null) {
            record(bancaId, signer.get().keyId(), null, null, "invalid:" + UUID.randomUUID(), payload, "invalid", false);
            return done("invalid", new Reply(400, "invalid_request", "the body must be {requestId, status: confirmed|rejected, playIdBanca, ticketCode}"));
        }
        return tx.execute(s -> apply(bancaId, signer.get().keyId(), e, payload));
    }

    private Reply apply(UUID bancaId, String keyId, Event e, String payload) {
        String dedup = bancaId + ":" + e.requestId() + ":" + e.status();
        Optional<PlayRow> found = plays.findByRequestId(e.requestId()).filter(p -> p.bancaId().equals(bancaId));
        if (found.isEmpty()) {
            record(bancaId, keyId, e.requestId(), null, dedup, payload, "unknown_play", false);
            return done("unknown_play", new Reply(404, "unknown_play", "no play with this requestId at this banca"));
        }
        PlayRow p = plays.lock(found.get().id()).orElseThrow();
        BancaAnswer answer = e.answer();
        PlayTransitions.Decision d = PlayTransitions.onBancaAnswer(p.state(), answer.answeredState().orElseThrow());
        boolean sameTicket = !(answer instanceof BancaAnswer.Confirmed c) || p.ticketCode() == null || p.ticketCode().equals(c.ticketCode());
        if (d.effect() == PlayTransitions.AnswerEffect.APPLY) {
            PlayStore.BancaIds ids = answer instanceof BancaAnswer.Confirmed c ? new PlayStore.BancaIds(c.playIdBanca(), c.ticketCode())
                    : new PlayStore.BancaIds(e.playIdBanca(), null);
            String reason = answer instanceof BancaAnswer.Rejected r ? r.reason() : null;
            if (!plays.move(p, d.transition().orElseThrow(), reason, ids)) throw new IllegalStateException("locked play moved");
            closeOpenJobs(p.id());
            record(bancaId, keyId, e.requestId(), p.id(), dedup, payload, "applied", false);
            return done("applied", new Reply(200, null, "applied"));
        }
        if (d.effect() == PlayTransitions.AnswerEffect.REPEAT && sameTicket) {
            record(bancaId, keyId, e.requestId(), p.id(), dedup, payload, "duplicate", false);
            return done("duplicate", new Reply(200, null, "already applied"));
        }
        plays.flag(p.id(), "webhook says " + e.status() + " for a play that is " + p.state());
        record(bancaId, keyId, e.requestId(), p.id(), dedup, payload, "conflict", true);
        return done("conflict", new Reply(409, "conflict", "the play is already " + p.state().wireStatus()));
    }

    /** The webhook settled the play: the forwarding jobs still open for it have nothing left to do. */
    private void closeOpenJobs(UUID playId) {
        dev.yantra.lottery.plays.ForwardingJobs.closeOpen(jdbc, playId, "WEBHOOK", "webhook", "settled by the banca's webhook");
    }

    private void record(UUID bancaId, String keyId, UUID requestId, UUID playId, String dedup, String payload, String outcome,
                        boolean flagged) {
        jdbc.sql("""
                        INSERT INTO webhook_events (id, source, banca_id, key_id, request_id, play_id, dedup_key, payload, outcome, flagged)
                        VALUES (?, 'banca', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), bancaId, keyId, requestId, playId, dedup, payload, outcome, flagged).update();
    }

    private Reply refuse(String outcome, int status, String error, String message, String keyIdHint, String ip, byte[] raw) {
        if (outcome.equals("rejected_signature")) {
            String banca = keyIdHint == null ? "unknown" : bancaOfKey(keyIdHint);
            meters.counter("webhook_signature_failures", "banca", banca).increment();
        }
        refusals.sample("banca", error, ip, keyIdHint == null ? null : "X-Key-Id: " + keyIdHint, raw);
        return done(outcome, new Reply(status, error, message));
    }

    private String bancaOfKey(String keyId) {
        try {
            return credentials.get(keyId).bancaId().toString();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private Reply done(String outcome, Reply r) {
        counted(outcome).increment();
        return r;
    }

    private io.micrometer.core.instrument.Counter counted(String outcome) {
        return meters.counter("webhook_requests", "source", "banca", "outcome", outcome);
    }

    /** The body once verified: {requestId, status, playIdBanca, ticketCode, reason?}; null when it is not that. */
    record Event(UUID requestId, String status, String playIdBanca, String ticketCode, String reason) {
        BancaAnswer answer() {
            return status.equals("confirmed") ? new BancaAnswer.Confirmed(playIdBanca, ticketCode)
                    : new BancaAnswer.Rejected(reason == null ? "rejected by the banca" : reason);
        }

        static Event parse(byte[] raw) {
            try {
                return read(raw);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static Event read(byte[] raw) {
            JsonNode b;
            try {
                b = Json.parseObject(raw);
            } catch (RuntimeException e) {
                return null;
            }
            UUID requestId;
            try {
                requestId = UUID.fromString(text(b, "requestId"));
            } catch (RuntimeException e) {
                return null;
            }
            String status = text(b, "status");
            String pib = text(b, "playIdBanca");
            String ticket = text(b, "ticketCode");
            String reason = text(b, "reason");
            if (status == null) return null;
            if (status.equals("confirmed") && (pib == null || ticket == null)) return null;
            if (!status.equals("confirmed") && !status.equals("rejected")) return null;
            return new Event(requestId, status, pib, ticket, reason);
        }

        private static String text(JsonNode b, String name) {
            JsonNode v = b.get(name);
            if (v == null || v.isNull()) return null;
            if (!v.isString() || v.stringValue().length() > 500) throw new IllegalArgumentException(name);
            return v.stringValue();
        }
    }
}
