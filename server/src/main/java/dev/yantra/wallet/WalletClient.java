package dev.yantra.wallet;

import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.counterparty.SignatureRejectedByCounterparty;
import dev.yantra.counterparty.SignatureScheme;
import dev.yantra.counterparty.SignedHttpClient;
import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.WalletEndpoint;
import dev.yantra.wallet.protocol.WalletStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed calls to an operator's wallet (docs/wallet-api.md). Every call that leaves this node — first tries and
 * retries alike — writes exactly one wallet_calls row and feeds the operator's circuit breaker with its
 * classified outcome. A call the breaker refuses is not made and not journaled ({@link WalletResponse#sent()}
 * false).
 *
 * <p>The signed exchange and the reading of its answer are {@link WalletWire}'s (shared with the conformance kit).
 */
public final class WalletClient {
    private static final Logger log = LoggerFactory.getLogger(WalletClient.class);
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final SignedHttpClient client;
    private final WalletWire wire;
    private final OutboundCredentials credentials;
    private final WalletEndpoints endpoints;
    private final CounterpartyBreakers breakers;
    private final WalletCallJournal journal;
    private final MeterRegistry meters;

    public WalletClient(HttpClient http, OutboundCredentials credentials, WalletEndpoints endpoints,
                        CounterpartyBreakers breakers, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                        MeterRegistry meters, Clock clock, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        this.client = new SignedHttpClient(http, SignatureScheme.OPERATOR, breakers, clock, timeout, MAX_RESPONSE_BYTES);
        this.wire = new WalletWire(client);
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.breakers = breakers;
        this.journal = new WalletCallJournal(jdbc);
        this.meters = meters;
    }

    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return SignedHttpClient.defaultHttpClient(connectTimeout);
    }

    public CounterpartyBreakers breakers() {
        return breakers;
    }

    private volatile PlayerBalances balances;

    /** Every RS_OK answer that carries a balance is remembered there, for the player's page (PlayerBalances). */
    public WalletClient reportBalancesTo(PlayerBalances balances) {
        this.balances = balances;
        return this;
    }

    private void remember(WalletResponse r) {
        PlayerBalances b = balances;
        if (b == null || !r.sent() || r.balanceMicro() == null || r.classification().status() != WalletStatus.RS_OK) return;
        b.answered(new PlayerBalances.Player(r.request().operatorId(), r.request().playerRef(), r.request().currency()),
                r.balanceMicro(), System.nanoTime());
    }

    /** Makes (or, breaker open, refuses) one call; never throws for anything the wallet or network does. */
    public WalletResponse call(WalletRequest req) {
        return call(req, client.timeout());
    }

    /**
     * As {@link #call(WalletRequest)}, waiting at most {@code within} for the answer (capped at
     * WALLET_CALL_TIMEOUT_MS). A call cut short by such a tighter budget is journaled as the timeout it is, but not
     * counted against the wallet's breaker: the wallet still had time under its contract, and a slow-but-healthy
     * wallet must not be shut out because one caller chose to wait less (the durable retry, which waits the full
     * timeout, feeds the breaker instead).
     */
    public WalletResponse call(WalletRequest req, Duration within) {
        Exchanged e = exchange(req, within);
        e.journalOrLog();
        return e.response();
    }

    /**
     * A call made (or refused) whose wallet_calls row is still to be written: {@link #journal} in the caller's
     * transaction, or {@link #journalOrLog} on its own. Exactly one of them must run, once.
     */
    public final class Exchanged {
        private final WalletResponse response;
        private final String requestBody;
        private final String responseText;

        private Exchanged(WalletResponse response, String requestBody, String responseText) {
            this.response = response;
            this.requestBody = requestBody;
            this.responseText = responseText;
        }

        public WalletResponse response() {
            return response;
        }

        /** Writes the row (in the caller's transaction when there is one); throws when it cannot. */
        public void journal() {
            if (response.sent()) journal.record(response, requestBody, responseText);
        }

        /**
         * The row as an INSERT for the caller to run inside a statement of its own (see CallJournal.Insert); empty
         * for a call not sent, which has no row. The caller runs {@link #journalOrLog} instead if that statement fails.
         */
        public java.util.Optional<dev.yantra.counterparty.CallJournal.Insert> journalInsert() {
            return response.sent() ? java.util.Optional.of(journal.insertOf(response, requestBody, responseText)) : java.util.Optional.empty();
        }

        /** Writes the row; one it cannot write is logged whole, so the journal can be repaired from the log. */
        public void journalOrLog() {
            try {
                journal();
            } catch (RuntimeException e) {
                // The money moved (or not) whatever our database says: the caller acts on the answer regardless.
                WalletRequest req = response.request();
                log.atError().addKeyValue("operatorId", req.operatorId().toString())
                        .addKeyValue("transactionUuid", String.valueOf(req.transactionUuid()))
                        .log("wallet_call_not_journaled {} {} attempt {} status {} http {} latency {} ms: {}", req.endpoint(),
                                req.transactionUuid(), req.attempt(), response.status(), response.httpStatus(),
                                response.latencyMs(), e.toString());
            }
        }
    }

    /**
     * Everything {@link #call(WalletRequest, Duration)} does but write the journal row: the breaker, the signed
     * exchange, metrics and logs. {@code within} null: the full timeout.
     */
    public Exchanged exchange(WalletRequest req, Duration within) {
        if (within == null) within = client.timeout();
        String operator = req.operatorId().toString();
        if (!client.acquire(operator)) {
            return new Exchanged(notSent(req, WalletResponse.NOT_SENT_BREAKER_OPEN), null, null);
        }
        OutboundCredentials.Credential cred;
        URI url;
        try {
            cred = credentials.forOperator(req.operatorId());
            url = URI.create(endpoints.callbackUrl(req.operatorId()).toString() + req.endpoint().path());
        } catch (RuntimeException e) {
            client.release(operator);
            log.atError().addKeyValue("operatorId", operator).log("wallet call not made for {}: {}", operator, e.getMessage());
            return new Exchanged(notSent(req, "not_configured: " + e.getMessage()), null, null);
        }
        boolean cutShort = within.compareTo(client.timeout()) < 0;
        WalletWire.Sent sent = wire.send(url, cred.kid(), cred.secret(), req, within);
        WalletResponse response = sent.response();
        long latencyMs = response.latencyMs();
        if (cutShort && response.httpStatus() == null && response.classification().status() == WalletStatus.RS_ERROR_TIMEOUT) {
            client.release(operator);
        } else {
            client.settle(operator, response.classification().breakerFailure(), latencyMs);
        }
        observe(response);
        remember(response);
        SignatureRejectedByCounterparty.reason(response.httpStatus(), response.status()).ifPresent(reason -> {
            SignatureRejectedByCounterparty.record(meters, SignatureRejectedByCounterparty.OPERATOR, operator, reason);
            log.atError().addKeyValue("operatorId", operator).addKeyValue("kid", cred.kid())
                    .log("counterparty_signature_rejected: operator {} refused our signature with kid {} ({}): does its wallet hold this key?",
                            operator, cred.kid(), reason);
        });
        if (response.classification().flagged()) {
            log.atError().addKeyValue("operatorId", operator).addKeyValue("transactionUuid", String.valueOf(req.transactionUuid()))
                    .log("wallet_refused_owed_money {} answered {} to {} {}: retrying, needs a look", operator,
                            response.status(), req.endpoint(), req.transactionUuid());
        }
        return new Exchanged(response, sent.requestBody(), sent.responseText());
    }

    /** A job's last error: see {@link SignedHttpClient#describe}, where every counterparty call's failure is named. */
    public static String describe(Throwable t, URI target) {
        return SignedHttpClient.describe(t, target);
    }

    private WalletResponse notSent(WalletRequest req, String why) {
        meters.counter("wallet_call_not_sent", "endpoint", req.endpoint().metricLabel(), "operator",
                req.operatorId().toString()).increment();
        return new WalletResponse(req, false, Classification.unknown(req.endpoint()), null, null, null, null, 0, null, why);
    }

    private void observe(WalletResponse r) {
        String endpoint = r.request().endpoint().metricLabel();
        String operator = r.request().operatorId().toString();
        latency(meters, endpoint, operator).record(r.latencyMs());
        String status = r.classification().status() != null ? r.classification().status().name()
                : r.httpStatus() == null ? "NO_RESPONSE" : "UNRECOGNIZED";
        calls(meters, endpoint, operator, status).increment();
    }

    private static DistributionSummary latency(MeterRegistry meters, String endpoint, String operator) {
        return DistributionSummary.builder("wallet_call_latency_ms")
                .description("Wallet call latency in milliseconds")
                .tags("endpoint", endpoint, "operator", operator)
                .serviceLevelObjectives(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 4000, 5000, 10000, 30000)
                .register(meters);
    }

    private static Counter calls(MeterRegistry meters, String endpoint, String operator, String status) {
        return Counter.builder("wallet_call").description("Wallet calls by RS status")
                .tags("endpoint", endpoint, "operator", operator, "status", status).register(meters);
    }

    /**
     * An operator's wallet series at 0 before its first call (every endpoint; the RS_OK status of wallet_call_total),
     * so dashboards and rate() have them from start-up.
     */
    public static void preRegister(MeterRegistry meters, UUID operatorId) {
        for (WalletEndpoint e : WalletEndpoint.values()) {
            latency(meters, e.metricLabel(), operatorId.toString());
            calls(meters, e.metricLabel(), operatorId.toString(), "RS_OK");
        }
        SignatureRejectedByCounterparty.preRegister(meters, SignatureRejectedByCounterparty.OPERATOR, operatorId.toString());
    }

    /** Convenience for tests and tooling: the JSON map a request sends. */
    public static Map<String, Object> bodyOf(WalletRequest req) {
        return req.body();
    }
}
