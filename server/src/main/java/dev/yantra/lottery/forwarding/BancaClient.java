package dev.yantra.lottery.forwarding;

import dev.yantra.api.Json;
import dev.yantra.counterparty.CallJournal;
import dev.yantra.counterparty.SignedHttpClient;
import dev.yantra.counterparty.SigningKey;
import dev.yantra.lottery.banca.BancaAnswer;
import dev.yantra.lottery.banca.BancaClassification;
import dev.yantra.counterparty.SignatureRejectedByCounterparty;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.lottery.bancas.Bancas;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.plays.PlayRow;
import dev.yantra.signing.BancaSignature;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to a banca about one play: {@code POST {url}/v1/plays/register} (the wire body, Idempotency-Key =
 * requestId on every try) and {@code GET {url}/v1/plays/{playIdBanca}/status}. Each call that leaves this node
 * writes one banca_calls row and feeds the banca's breaker; the answer is read by the core's
 * {@link BancaClassification}. A call not made (breaker open, no secret) is not journaled.
 */
public final class BancaClient {
    private static final Logger log = LoggerFactory.getLogger(BancaClient.class);
    public static final String REGISTER_PATH = "/v1/plays/register";

    /**
     * What came of one call; {@code sent=false}: nothing left this node ({@code why} says why).
     * {@code acceptedAs}: the banca's id for a play it answered 202 for, when it gave one (status checks use it).
     */
    public record Result(boolean sent, BancaAnswer answer, String why, String keyId, String acceptedAs) {
    }

    /** One banca_calls row. */
    record Call(UUID bancaId, UUID playId, UUID jobId, String endpoint, UUID requestId, String requestBody,
                SignedHttpClient.Exchange exchange, BancaAnswer answer, int attempt, String keyId) {
    }

    private static final List<String> COLUMNS = List.of("id", "banca_id", "play_id", "job_id", "endpoint", "request_id",
            "request_body", "response_body", "response_status", "outcome", "latency_ms", "attempt", "key_id");
    private static final int[] TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.OTHER,
            Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.VARCHAR};

    private final SignedHttpClient http;
    private final Bancas bancas;
    private final BancaCredentials credentials;
    private final CallJournal<Call> journal;
    private final MeterRegistry meters;

    public BancaClient(SignedHttpClient http, Bancas bancas, BancaCredentials credentials,
                       org.springframework.jdbc.core.simple.JdbcClient jdbc, MeterRegistry meters) {
        this.http = http;
        this.bancas = bancas;
        this.credentials = credentials;
        this.journal = new CallJournal<>(jdbc, new CallJournal.Columns<>("banca_calls", COLUMNS, TYPES, BancaClient::values));
        this.meters = meters;
    }

    /** One breaker per banca, keyed by its id, each with its own banca_circuit_breaker_state{banca} series. */
    static dev.yantra.breaker.CounterpartyBreakers breakers(dev.yantra.breaker.BreakerSettings settings, MeterRegistry meters) {
        return new dev.yantra.breaker.CounterpartyBreakers("banca_", "banca", "bancaId", settings, meters);
    }

    /** The client a node (or a one-shot command) calls its bancas with: BANCA_CALL_TIMEOUT_MS, the banca signature. */
    static BancaClient create(dev.yantra.db.Database db, dev.yantra.config.YantraEnv env, Bancas bancas, BancaCredentials credentials,
                              dev.yantra.breaker.CounterpartyBreakers breakers, MeterRegistry meters, java.time.Clock clock) {
        SignedHttpClient http = new SignedHttpClient(SignedHttpClient.defaultHttpClient(java.time.Duration.ofSeconds(5)),
                dev.yantra.counterparty.SignatureScheme.BANCA, breakers, clock, java.time.Duration.ofMillis(env.bancaCallTimeoutMs()),
                SignedHttpClient.DEFAULT_MAX_RESPONSE_BYTES);
        return new BancaClient(http, bancas, credentials, db.jdbc(), meters);
    }

    public SignedHttpClient http() {
        return http;
    }

    /** The §7 register body: the same bytes on every try of a play. */
    static byte[] registerBody(PlayRow p) {
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("lotteryId", p.lotteryId());
        play.put("numbers", p.numbers());
        play.put("betType", p.betType());
        play.put("amount", LotteryAmount.toDecimal(p.amountMicro()));
        play.put("currency", p.currency());
        play.put("drawId", p.drawId().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", p.requestId().toString());
        body.put("play", play);
        body.put("payment", Map.of("method", p.paymentMethod(), "transactionId", "play:" + p.id()));
        body.put("user", Map.of("userId", p.userId().toString()));
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }

    public Result register(PlayRow p, UUID jobId, int attempt) {
        return call(p, jobId, attempt, "register", "POST", REGISTER_PATH, registerBody(p));
    }

    /** The status endpoint when the banca gave us its id; else the register call again (same Idempotency-Key). */
    public Result status(PlayRow p, UUID jobId, int attempt) {
        if (p.playIdBanca() == null) return register(p, jobId, attempt);
        String path = "/v1/plays/" + URLEncoder.encode(p.playIdBanca(), StandardCharsets.UTF_8) + "/status";
        return call(p, jobId, attempt, "status", "GET", path, null);
    }

    private Result call(PlayRow p, UUID jobId, int attempt, String endpoint, String method, String path, byte[] body) {
        String breaker = p.bancaId().toString();
        if (!http.acquire(breaker)) return notSent(p, "breaker_open");
        Optional<Bancas.Banca> banca;
        Optional<SigningKey> key;
        try {
            banca = bancas.find(p.bancaId());
            key = credentials.signingKey(p.bancaId());
        } catch (RuntimeException e) {
            http.release(breaker);
            throw e;
        }
        if (banca.isEmpty() || key.isEmpty()) {
            http.release(breaker);
            return notSent(p, banca.isEmpty() ? "no_such_banca" : "no_active_secret");
        }
        URI url = URI.create(banca.get().endpointUrl() + path);
        SignedHttpClient.Exchange ex = http.send(new SignedHttpClient.Call(method, url, body, key.get(), Map.of(
                BancaSignature.REQUEST_ID_HEADER, p.requestId().toString(),
                BancaSignature.IDEMPOTENCY_KEY_HEADER, p.requestId().toString())));
        BancaAnswer answer = ex.httpStatus() == null
                ? (ex.timedOut() ? BancaClassification.classify(0, null, true) : BancaClassification.networkError(ex.failure()))
                : BancaClassification.classify(ex.httpStatus(), ex.body() == null ? null : ex.responseText(), false);
        http.settle(breaker, answer.countsAsBreakerFailure(), ex.latencyMs());
        String requestText = body == null ? null : new String(body, StandardCharsets.UTF_8);
        try {
            journal.record(new Call(p.bancaId(), p.id(), jobId, endpoint, p.requestId(), requestText, ex, answer, attempt, key.get().keyId()));
        } catch (RuntimeException e) {
            log.atError().addKeyValue("playId", p.id().toString())
                    .log("banca_call_not_journaled {} play {} attempt {} http {} outcome {}: {}", endpoint, p.id(), attempt,
                            ex.httpStatus(), answer.kind(), e.toString());
        }
        latency(meters, breaker, answer.kind().name().toLowerCase(java.util.Locale.ROOT)).record(ex.latencyMs());
        if (ex.httpStatus() != null) {
            SignatureRejectedByCounterparty.reason(ex.httpStatus(), null).ifPresent(reason -> {
                SignatureRejectedByCounterparty.record(meters, SignatureRejectedByCounterparty.BANCA, breaker, reason);
                log.atError().addKeyValue("bancaId", breaker).addKeyValue("keyId", key.get().keyId())
                        .log("counterparty_signature_rejected: banca {} refused our signature with key {} ({})", breaker, key.get().keyId(), reason);
            });
        }
        String acceptedAs = answer instanceof BancaAnswer.Accepted && ex.body() != null
                ? dev.yantra.lottery.banca.BancaReply.parse(ex.responseText()).flatMap(dev.yantra.lottery.banca.BancaReply::playIdBanca).orElse(null)
                : null;
        return new Result(true, answer, null, key.get().keyId(), acceptedAs);
    }

    private Result notSent(PlayRow p, String why) {
        meters.counter("banca_call_not_sent", "banca", p.bancaId().toString(), "reason", why).increment();
        return new Result(false, null, why, null, null);
    }

    static DistributionSummary latency(MeterRegistry meters, String banca, String outcome) {
        return DistributionSummary.builder("banca_call_latency_ms").description("Banca call latency in milliseconds")
                .tags("banca", banca, "outcome", outcome)
                .serviceLevelObjectives(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 15000, 30000)
                .register(meters);
    }

    /** A banca's latency series exist from start-up, at 0, for every outcome. */
    public static void preRegister(MeterRegistry meters, UUID bancaId) {
        for (BancaAnswer.Kind k : BancaAnswer.Kind.values()) latency(meters, bancaId.toString(), k.name().toLowerCase(java.util.Locale.ROOT));
        SignatureRejectedByCounterparty.preRegister(meters, SignatureRejectedByCounterparty.BANCA, bancaId.toString());
    }

    private static List<Object> values(Call c) {
        List<Object> v = new ArrayList<>(13);
        v.add(UUID.randomUUID());
        v.add(c.bancaId());
        v.add(c.playId());
        v.add(c.jobId());
        v.add(c.endpoint());
        v.add(c.requestId());
        v.add(CallJournal.clip(c.requestBody()));
        v.add(CallJournal.clip(c.exchange().responseText()));
        v.add(c.exchange().httpStatus());
        v.add(c.answer().kind().name().toLowerCase(java.util.Locale.ROOT));
        v.add((int) Math.min(Integer.MAX_VALUE, c.exchange().latencyMs()));
        v.add(c.attempt());
        v.add(c.keyId());
        return v;
    }
}
