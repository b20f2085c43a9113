package dev.yantra.lottery.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.counterparty.CallJournal;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every call Yantra makes to Stripe, through stripe-java (never hand-written HTTP): each one asks the Stripe
 * breaker first, is written to payment_calls (one row per call and retry, client secrets blanked), counted in
 * {@code payment_operations_total{operation,outcome}} and read into a {@link Result}. stripe-java's own network
 * retries are off: the payment queue retries, with the same idempotency key, so every try is journaled.
 */
public final class StripeGateway {
    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);
    /** The one counterparty id of the Stripe breaker and of pending_payment_jobs.counterparty. */
    public static final String COUNTERPARTY = "stripe";
    static final List<String> OPERATIONS = List.of("create", "retrieve", "capture", "cancel", "refund", "retrieve_charge", "retrieve_refund");
    static final List<String> OUTCOMES = List.of("ok", "declined", "invalid", "retry", "breaker_open");
    private static final Pattern CLIENT_SECRET = Pattern.compile("(\"client_secret\"\\s*:\\s*)\"[^\"]*\"");

    /** What came of one call. */
    public sealed interface Result<T> {
        /** Stripe answered 2xx. */
        record Ok<T>(T value) implements Result<T> {
        }

        /** A card error (402): the card was declined or needs something; {@code intent} is the PaymentIntent after it. */
        record Declined<T>(String code, String declineCode, String message, PaymentIntent intent) implements Result<T> {
        }

        /** Stripe refused the request itself (4xx other than 402, 429): retrying the same call gets the same answer. */
        record Refused<T>(int status, String code, String message, PaymentIntent intent) implements Result<T> {
        }

        /** No answer we can act on (network, timeout, 5xx, 429, our key refused, breaker open): try again later. */
        record Unavailable<T>(String why) implements Result<T> {
        }
    }

    /** Whose call this is, for the journal. */
    public record Context(UUID paymentId, UUID playId, UUID jobId, int attempt) {
        static Context of(UUID paymentId, UUID playId) {
            return new Context(paymentId, playId, null, 0);
        }
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    record Call(UUID paymentId, UUID playId, UUID jobId, String operation, String paymentIntentId, String idempotencyKey,
                String requestBody, String responseBody, Integer status, String outcome, String errorCode, String requestId,
                long latencyMs, int attempt) {
    }

    private static final List<String> COLUMNS = List.of("id", "payment_id", "play_id", "job_id", "operation", "payment_intent_id",
            "idempotency_key", "request_body", "response_body", "response_status", "outcome", "error_code", "stripe_request_id",
            "latency_ms", "attempt");
    private static final int[] TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.INTEGER, Types.INTEGER};

    private final StripeClient client;
    private final CounterpartyBreakers breakers;
    private final CallJournal<Call> journal;
    private final MeterRegistry meters;

    public StripeGateway(StripeClient client, CounterpartyBreakers breakers, JdbcClient jdbc, MeterRegistry meters) {
        this.client = client;
        this.breakers = breakers;
        this.journal = new CallJournal<>(jdbc, new CallJournal.Columns<>("payment_calls", COLUMNS, TYPES, StripeGateway::values));
        this.meters = meters;
        for (String op : OPERATIONS) for (String out : OUTCOMES) meters.counter("payment_operations", "operation", op, "outcome", out);
        breakers.track(COUNTERPARTY);
    }

    /** stripe-java pointed at Stripe, or at the stand-in when an API base is configured; no hidden retries. */
    public static StripeClient client(StripeSettings s) {
        StripeClient.StripeClientBuilder b = StripeClient.builder().setApiKey(s.secretKey().orElseThrow())
                .setMaxNetworkRetries(0).setConnectTimeout(5_000).setReadTimeout(20_000);
        s.apiBase().ifPresent(b::setApiBase);
        return b.build();
    }

    public CounterpartyBreakers breakers() {
        return breakers;
    }

    public Result<PaymentIntent> create(Context c, PaymentIntentCreateParams params, String idempotencyKey) {
        return call(c, "create", null, idempotencyKey, params.toMap().toString(),
                () -> client.v1().paymentIntents().create(params, key(idempotencyKey)));
    }

    public Result<PaymentIntent> retrieve(Context c, String paymentIntentId) {
        return call(c, "retrieve", paymentIntentId, null, null, () -> client.v1().paymentIntents().retrieve(paymentIntentId));
    }

    public Result<PaymentIntent> capture(Context c, String paymentIntentId, String idempotencyKey) {
        return call(c, "capture", paymentIntentId, idempotencyKey, null,
                () -> client.v1().paymentIntents().capture(paymentIntentId, key(idempotencyKey)));
    }

    public Result<PaymentIntent> cancel(Context c, String paymentIntentId, String idempotencyKey) {
        return call(c, "cancel", paymentIntentId, idempotencyKey, null,
                () -> client.v1().paymentIntents().cancel(paymentIntentId, key(idempotencyKey)));
    }

    public Result<Refund> refund(Context c, String paymentIntentId, String idempotencyKey, String reason) {
        RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(paymentIntentId)
                .putMetadata("reason", reason).build();
        return call(c, "refund", paymentIntentId, idempotencyKey, params.toMap().toString(),
                () -> client.v1().refunds().create(params, key(idempotencyKey)));
    }

    public Result<Charge> retrieveCharge(Context c, String paymentIntentId, String chargeId) {
        return call(c, "retrieve_charge", paymentIntentId, null, chargeId, () -> client.v1().charges().retrieve(chargeId));
    }

    public Result<Refund> retrieveRefund(Context c, String paymentIntentId, String refundId) {
        return call(c, "retrieve_refund", paymentIntentId, null, refundId, () -> client.v1().refunds().retrieve(refundId));
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private <T extends StripeObject> Result<T> call(Context c, String operation, String paymentIntentId, String idempotencyKey,
                                                    String request, StripeCall<T> work) {
        if (!breakers.tryAcquire(COUNTERPARTY)) {
            counted(operation, "breaker_open");
            return new Result.Unavailable<>("breaker_open");
        }
        long started = System.nanoTime();
        Result<T> result;
        String body;
        Integer status;
        String errorCode = null;
        String requestId = null;
        boolean failure = false;
        try {
            T value = work.run();
            result = new Result.Ok<>(value);
            body = value.toJson();
            status = value.getLastResponse() == null ? 200 : value.getLastResponse().code();
            requestId = value.getLastResponse() == null ? null : value.getLastResponse().requestId();
        } catch (CardException e) {
            PaymentIntent pi = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            result = new Result.Declined<>(e.getCode(), e.getDeclineCode(), e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage(), pi);
            body = e.getStripeError() == null ? e.getMessage() : e.getStripeError().toJson();
            status = e.getStatusCode();
            errorCode = e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode();
            requestId = e.getRequestId();
        } catch (ApiConnectionException | RateLimitException | AuthenticationException | IdempotencyException e) {
            // no answer, too many requests, our key refused (configuration), or a key reused with other
            // parameters (a bug): none of them says anything about the payment, so the queue tries again
            failure = !(e instanceof IdempotencyException);
            result = new Result.Unavailable<>(e.getClass().getSimpleName() + ": " + e.getMessage());
            body = e.getStripeError() == null ? e.getMessage() : e.getStripeError().toJson();
            status = e.getStatusCode();
            errorCode = e.getCode();
            requestId = e.getRequestId();
        } catch (StripeException e) {
            int st = e.getStatusCode() == null ? 0 : e.getStatusCode();
            body = e.getStripeError() == null ? e.getMessage() : e.getStripeError().toJson();
            status = e.getStatusCode();
            errorCode = e.getCode();
            requestId = e.getRequestId();
            if (st >= 400 && st < 500) {
                PaymentIntent pi = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
                result = new Result.Refused<>(st, e.getCode(), e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage(), pi);
            } else {
                failure = true;
                result = new Result.Unavailable<>("stripe answered " + st + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            failure = true;
            result = new Result.Unavailable<>("unreadable answer: " + e);
            body = e.toString();
            status = null;
        }
        long latency = (System.nanoTime() - started) / 1_000_000;
        breakers.record(COUNTERPARTY, failure, latency);
        String outcome = switch (result) {
            case Result.Ok<T> ok -> "ok";
            case Result.Declined<T> d -> "declined";
            case Result.Refused<T> r -> "invalid";
            case Result.Unavailable<T> u -> "retry";
        };
        counted(operation, outcome);
        try {
            journal.record(new Call(c.paymentId(), c.playId(), c.jobId(), operation, paymentIntentId, idempotencyKey, request,
                    redact(body), status, outcome, errorCode, requestId, latency, c.attempt()));
        } catch (RuntimeException e) {
            // the call happened; losing its journal row must not lose its answer (the queue re-reads anyway)
            log.warn("payment_calls row for {} of payment {} not written: {}", operation, c.paymentId(), e.toString());
        }
        return result;
    }

    private void counted(String operation, String outcome) {
        meters.counter("payment_operations", "operation", operation, "outcome", outcome).increment();
    }

    /** A client secret lets its holder confirm the payment: it goes to the paying player, not into a journal. */
    static String redact(String body) {
        return body == null ? null : CallJournal.clip(CLIENT_SECRET.matcher(body).replaceAll("$1\"[redacted]\""));
    }

    private static List<Object> values(Call c) {
        List<Object> v = new ArrayList<>();
        v.add(UUID.randomUUID());
        v.add(c.paymentId());
        v.add(c.playId());
        v.add(c.jobId());
        v.add(c.operation());
        v.add(c.paymentIntentId());
        v.add(c.idempotencyKey());
        v.add(CallJournal.clip(c.requestBody()));
        v.add(c.responseBody());
        v.add(c.status());
        v.add(c.outcome());
        v.add(c.errorCode());
        v.add(c.requestId());
        v.add((int) Math.min(Integer.MAX_VALUE, c.latencyMs()));
        v.add(c.attempt());
        return v;
    }
}
