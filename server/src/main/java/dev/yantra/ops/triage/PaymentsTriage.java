package dev.yantra.ops.triage;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra triage payments}: the lottery runbook's payment-processing section as queries on our schema
 * (docs/lottery-payments.md): open card holds, holds near Stripe's 7-day expiry or left open past their draw,
 * captures failing after the banca confirmed, Stripe webhooks not handled, Stripe calls failing. Read-only;
 * exits 1 when it printed a problem.
 */
@Command(name = "payments", mixinStandardHelpOptions = true,
        description = "Lottery runbook: card holds, captures, refunds, Stripe webhooks and calls (exit 1 when something is wrong).")
public class PaymentsTriage implements Callable<Integer> {
    /** Stripe releases an uncaptured card hold after 7 days; a day before that it is near expiry. */
    static final String NEAR_EXPIRY = "interval '6 days'";

    @Mixin DataDirOption data;
    @Option(names = "--json", description = "One JSON document on stdout") boolean json;

    @Override
    public Integer call() {
        try (Database db = data.openDatabase()) {
            TriageReport report = report(db.jdbc());
            if (json) report.printJson(System.out); else report.printText(System.out);
            return report.findings().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    static long count(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static TriageReport report(JdbcClient jdbc) {
        TriageReport r = new TriageReport("payments");
        String holds = """
                SELECT p.status AS payment, coalesce(pl.status, '-') AS play, count(*), sum(p.amount_capturable_minor) AS held_minor,
                       min(p.created_at) AS oldest
                  FROM payments p LEFT JOIN plays pl ON pl.id = p.play_id
                 WHERE p.status = 'requires_capture' GROUP BY 1, 2 ORDER BY 3 DESC""";
        r.section("open card holds (requires_capture) by play state", holds, jdbc.sql(holds).query().listOfRows());
        String pastDraw = """
                SELECT p.id AS payment_id, p.play_id, pl.status AS play, d.state AS draw, d.closes_at, p.payment_intent_id, p.created_at
                  FROM payments p JOIN plays pl ON pl.id = p.play_id JOIN draws d ON d.id = pl.draw_id
                 WHERE p.status = 'requires_capture' AND d.closes_at < now() - interval '10 minutes'
                 ORDER BY d.closes_at LIMIT 20""";
        var past = jdbc.sql(pastDraw).query().listOfRows();
        r.section("holds still open 10 min after their draw closed (should be captured or cancelled)", pastDraw, past);
        String expiring = "SELECT id AS payment_id, play_id, payment_intent_id, created_at FROM payments WHERE status = 'requires_capture' AND created_at < now() - "
                + NEAR_EXPIRY + " ORDER BY created_at LIMIT 20";
        var nearExpiry = jdbc.sql(expiring).query().listOfRows();
        r.section("holds near Stripe's 7-day expiry", expiring, nearExpiry);
        String jobs = """
                SELECT kind, count(*) AS open, count(*) FILTER (WHERE needs_attention) AS needs_attention, max(attempts) AS max_attempts,
                       now() - min(created_at) AS oldest, (array_agg(last_error ORDER BY created_at) FILTER (WHERE last_error IS NOT NULL))[1] AS a_last_error
                  FROM pending_payment_jobs WHERE completed_at IS NULL GROUP BY 1 ORDER BY 1""";
        var queue = jdbc.sql(jobs).query().listOfRows();
        r.section("open payment jobs (pending_payment_jobs)", jobs, queue);
        String flagged = """
                SELECT id AS payment_id, kind, play_id, status, captured_minor, refunded_minor, refund_status, attention_reason, updated_at
                  FROM payments WHERE needs_attention ORDER BY updated_at DESC LIMIT 20""";
        var attention = jdbc.sql(flagged).query().listOfRows();
        r.section("payments needing a person (capture failing after confirmation, hold lost, refund failed)", flagged, attention);
        String events = """
                SELECT type, outcome, count(*), sum(attempts - 1) AS redelivered, max(received_at) AS last
                  FROM stripe_events WHERE received_at > now() - interval '1 hour' GROUP BY 1, 2 ORDER BY 3 DESC""";
        var hooks = jdbc.sql(events).query().listOfRows();
        r.section("Stripe webhooks in the last hour by type and outcome (stripe_events)", events, hooks);
        String calls = """
                SELECT operation, outcome, count(*), percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95_ms,
                       (array_agg(error_code ORDER BY created_at DESC) FILTER (WHERE error_code IS NOT NULL))[1] AS last_error_code
                  FROM payment_calls WHERE created_at > now() - interval '1 hour' GROUP BY 1, 2 ORDER BY 1, 2""";
        var stripeCalls = jdbc.sql(calls).query().listOfRows();
        r.section("Stripe calls in the last hour (payment_calls)", calls, stripeCalls);
        String waiting = """
                SELECT count(*) FROM plays WHERE status = 'AWAITING_PAYMENT' AND created_at < now() - interval '30 minutes'""";
        long waitingLong = jdbc.sql(waiting).query(Long.class).single();

        if (!past.isEmpty()) {
            r.finding(past.size() + (past.size() == 20 ? "+" : "") + " card holds still open 10 min after their draw closed: the payment queue is not working them");
            r.mitigation("psql \"$DATABASE_URL\" -c \"SELECT kind, attempts, last_error, next_attempt_at FROM pending_payment_jobs WHERE payment_id = '"
                    + past.getFirst().get("payment_id") + "'\"    # why its CAPTURE / RELEASE job waits");
        }
        if (!nearExpiry.isEmpty()) {
            r.finding(nearExpiry.size() + " card holds are older than 6 days: Stripe releases them at 7, and a confirmed play's stake is then lost");
        }
        for (Map<String, Object> q : queue) {
            if ("CAPTURE".equals(q.get("kind")) && count(q.get("max_attempts")) > 0) {
                r.finding(q.get("open") + " captures of confirmed card plays are failing (last error: " + q.get("a_last_error") + ")");
                r.mitigation("psql \"$DATABASE_URL\" -c \"UPDATE pending_payment_jobs SET next_attempt_at = now() WHERE kind = 'CAPTURE' AND completed_at IS NULL\""
                        + "    # once Stripe answers again: retry the captures now instead of after their backoff");
            } else if (count(q.get("needs_attention")) > 0) {
                r.finding(q.get("needs_attention") + " open " + q.get("kind") + " payment jobs ran out of retries (last error: " + q.get("a_last_error") + ")");
            }
        }
        for (Map<String, Object> a : attention.stream().limit(5).toList()) {
            r.finding("payment " + a.get("payment_id") + " (" + a.get("kind") + ", play " + a.get("play_id") + "): " + a.get("attention_reason"));
        }
        long failedHooks = hooks.stream().filter(h -> "failed".equals(h.get("outcome")) || "received".equals(h.get("outcome")))
                .mapToLong(h -> count(h.get("count"))).sum();
        if (failedHooks > 0) {
            r.finding(failedHooks + " Stripe webhooks of the last hour were not handled (Stripe could not be re-read): Stripe delivers them again");
            r.mitigation("psql \"$DATABASE_URL\" -c \"SELECT event_id, type, error FROM stripe_events WHERE outcome = 'failed' ORDER BY received_at DESC LIMIT 20\"");
        }
        long retried = stripeCalls.stream().filter(c -> "retry".equals(c.get("outcome")) || "breaker_open".equals(c.get("outcome")))
                .mapToLong(c -> count(c.get("count"))).sum();
        long allCalls = stripeCalls.stream().mapToLong(c -> count(c.get("count"))).sum();
        if (retried > 0 && retried * 20 > allCalls) {
            r.finding(retried + " of " + allCalls + " Stripe calls in the last hour got no usable answer (network, 5xx, 429, our key refused)");
            r.mitigation("curl -s https://status.stripe.com/api/v2/status.json    # is Stripe itself degraded?");
            r.mitigation("curl -s localhost:8080/metrics | grep -E 'stripe_circuit_breaker_state|payment_operations_total'    # the Stripe breaker and call outcomes");
        }
        if (waitingLong > 0) {
            r.finding(waitingLong + " card plays have waited for their payment for more than 30 min (customers who never finished 3-D Secure, or PaymentIntents never created)");
            r.mitigation("yantra lottery reconcile --force-check --older-than 30m    # resolve stuck plays against the banca and Stripe");
        }
        if (r.findings().isEmpty()) r.mitigation("nothing to do: no open hold past its draw, no failing capture, no unhandled webhook");
        return r;
    }
}
