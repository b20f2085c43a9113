package dev.yantra.ops.triage;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lottery runbook's diagnostics (docs/playbooks/lottery-incident-runbook.md, "Plays stuck", "Webhooks",
 * "Banca integration") as queries on our schema, with the mitigation commands filled in. Read-only. A report
 * has findings only when something is wrong, so the commands exit 1 exactly when a finding was made.
 */
public final class LotteryTriage {
    /** Plays that have not reached a final state; the same statuses and age bands as plays_pending{banca,age}. */
    static final String UNCONFIRMED = "status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK')";
    /** Banca answers that are not a verdict on the play (a retry, an error, no answer). */
    static final String FAILED_CALL = "outcome NOT IN ('confirmed', 'rejected', 'accepted')";

    private final JdbcClient jdbc;

    public LotteryTriage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private TriageReport.Section run(TriageReport r, String title, String sql, Object... params) {
        r.section(title, sql, jdbc.sql(sql).params(params).query().listOfRows());
        return r.sections().getLast();
    }

    private static long count(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** A banca by id or name; a clear error when there is none. */
    public UUID resolveBanca(String idOrName) {
        List<UUID> ids = jdbc.sql("SELECT id FROM bancas WHERE id::text = ? OR name = ?").params(idOrName.trim(), idOrName.trim())
                .query(UUID.class).list();
        if (ids.isEmpty()) throw new dev.yantra.config.UsageException("no banca with id or name '" + idOrName + "'");
        return ids.getFirst();
    }

    /** Plays not confirmed: by banca and age, the oldest ones, and the forwarding jobs behind them. */
    public TriageReport playsStuck() {
        TriageReport r = new TriageReport("plays-stuck");
        run(r, "unconfirmed plays by banca, status and age (the bands of plays_pending)", """
                SELECT p.banca_id, b.name AS banca, p.status,
                       count(*) FILTER (WHERE p.created_at > now() - interval '5 minutes') AS "<5m",
                       count(*) FILTER (WHERE p.created_at <= now() - interval '5 minutes' AND p.created_at > now() - interval '1 hour') AS "5-60m",
                       count(*) FILTER (WHERE p.created_at <= now() - interval '1 hour') AS ">1h"
                  FROM plays p JOIN bancas b ON b.id = p.banca_id
                 WHERE p.""" + UNCONFIRMED + """

                 GROUP BY 1, 2, 3 ORDER BY 6 DESC, 5 DESC""");
        var old = run(r, "plays unconfirmed for more than 1 h (oldest first, 20)", """
                SELECT p.id, p.banca_id, p.status, p.created_at, d.state AS draw_state, d.closes_at, p.needs_attention,
                       j.id AS open_job, j.attempts, j.last_error
                  FROM plays p JOIN draws d ON d.id = p.draw_id
                  LEFT JOIN LATERAL (SELECT id, attempts, last_error FROM pending_banca_jobs
                                      WHERE play_id = p.id AND completed_at IS NULL ORDER BY created_at DESC LIMIT 1) j ON true
                 WHERE p.""" + UNCONFIRMED + " AND p.created_at <= now() - interval '1 hour' ORDER BY p.created_at LIMIT 20");
        var queue = run(r, "open forwarding jobs (pending_banca_jobs) per banca", """
                SELECT banca_id, count(*) AS open, count(*) FILTER (WHERE needs_attention) AS needs_attention,
                       max(attempts) AS max_attempts, now() - min(created_at) AS oldest
                  FROM pending_banca_jobs WHERE completed_at IS NULL GROUP BY 1 ORDER BY 2 DESC""");
        run(r, "last_error of open forwarding jobs", """
                SELECT banca_id, kind, last_error, count(*) FROM pending_banca_jobs
                 WHERE completed_at IS NULL AND last_error IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 20""");
        long over1h = jdbc.sql("SELECT count(*) FROM plays WHERE " + UNCONFIRMED + " AND created_at <= now() - interval '1 hour'")
                .query(Long.class).single();
        if (over1h > 0) r.finding(over1h + " plays unconfirmed for more than 1 h (alert YantraPlaysPendingOver1h at > 10)");
        for (Map<String, Object> p : old.rows()) {
            if ("CLOSED".equals(p.get("draw_state")) || "RESULTED".equals(p.get("draw_state")) || "SETTLED".equals(p.get("draw_state"))) {
                r.finding("play " + p.get("id") + " is still " + p.get("status") + " though its draw is " + p.get("draw_state")
                        + ": the fail-safe sweep of the nodes should have ended it — is any node serving the lottery?");
                break;
            }
        }
        for (Map<String, Object> q : queue.rows()) {
            if (count(q.get("needs_attention")) > 0) {
                r.finding("banca " + q.get("banca_id") + ": " + q.get("needs_attention") + " open forwarding jobs need a person (retries exhausted)");
            }
        }
        java.util.Set<Object> bancas = new java.util.LinkedHashSet<>();
        old.rows().forEach(p -> bancas.add(p.get("banca_id")));
        queue.rows().stream().filter(q -> count(q.get("needs_attention")) > 0).forEach(q -> bancas.add(q.get("banca_id")));
        for (Object banca : bancas) r.mitigation("yantra triage banca --banca " + banca + "    # why this banca does not answer");
        if (!r.findings().isEmpty()) r.mitigation("yantra triage webhooks    # confirmations refused or not arriving");
        return r;
    }

    /** The webhook's outcomes and refusals of the last hour. */
    public TriageReport webhooks() {
        TriageReport r = new TriageReport("webhooks");
        var outcomes = run(r, "webhook events in the last hour by source, banca and outcome (webhook_events)", """
                SELECT source, banca_id, outcome, count(*), count(*) FILTER (WHERE flagged) AS flagged, max(received_at) AS last
                  FROM webhook_events WHERE received_at > now() - interval '1 hour' GROUP BY 1, 2, 3 ORDER BY 4 DESC""");
        var refusals = run(r, "refused webhooks in the last hour by reason and source address (webhook_refusals, a sample)", """
                SELECT source, reason, source_ip, count(*), min(received_at) AS first, max(received_at) AS last
                  FROM webhook_refusals WHERE received_at > now() - interval '1 hour' GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 20""");
        run(r, "latest refused bodies (prefix)", """
                SELECT received_at, reason, source_ip, body_prefix FROM webhook_refusals
                 WHERE received_at > now() - interval '1 hour' ORDER BY received_at DESC LIMIT 5""");
        var flagged = run(r, "flagged events (contradictions) in the last 24 h", """
                SELECT received_at, banca_id, play_id, outcome, payload FROM webhook_events
                 WHERE flagged AND received_at > now() - interval '24 hours' ORDER BY received_at DESC LIMIT 10""");
        long good = 0;
        long bad = 0;
        for (Map<String, Object> o : outcomes.rows()) {
            if ("applied".equals(o.get("outcome")) || "duplicate".equals(o.get("outcome"))) good += count(o.get("count"));
            else bad += count(o.get("count"));
        }
        long refused = refusals.rows().stream().mapToLong(x -> count(x.get("count"))).sum();
        long all = good + bad + refused;
        if (all > 0 && good < 0.99 * all) {
            r.finding(String.format(java.util.Locale.ROOT, "%.1f %% of the webhooks kept in the last hour were applied (%d of %d; refusals are sampled, so the rate is at most this)",
                    100.0 * good / all, good, all));
        }
        if (refused > 0) {
            r.finding(refused + " webhooks refused in the last hour (signature or timestamp): a banca signs with a secret we do not hold, its clock drifts, or someone forges");
        }
        for (Map<String, Object> f : flagged.rows().stream().limit(3).toList()) {
            r.finding("flagged " + f.get("outcome") + " for play " + f.get("play_id") + " at " + f.get("received_at"));
        }
        java.util.Set<Object> bancas = new java.util.LinkedHashSet<>();
        outcomes.rows().stream().filter(o -> o.get("banca_id") != null && !"applied".equals(o.get("outcome")) && !"duplicate".equals(o.get("outcome")))
                .forEach(o -> bancas.add(o.get("banca_id")));
        for (Object b : bancas) r.mitigation("yantra triage banca --banca " + b);
        if (refused > 0) {
            // the refusal names no banca (no secret verified it): every banca that can send webhooks is a candidate
            for (Map<String, Object> b : jdbc.sql("""
                    SELECT b.id, b.name, string_agg(c.key_id, ',') AS verifying
                      FROM bancas b LEFT JOIN banca_credentials c ON c.banca_id = b.id AND c.activated_at IS NOT NULL AND c.revoked_at IS NULL
                                                                    AND (c.not_after IS NULL OR c.not_after > now())
                     WHERE b.status IN ('active', 'suspended') GROUP BY 1, 2 ORDER BY 2 LIMIT 10""").query().listOfRows()) {
                r.mitigation("yantra banca credential rotate " + b.get("id") + "    # " + b.get("name") + " verifies with " + b.get("verifying")
                        + "; if it signs with another secret, stage a new one, hand it over, then activate it with --overlap 24h");
            }
            r.mitigation("yantra banca credential revoke <key id> --now --reason \"leaked\"    # a leaked secret: forged webhooks verify until revoked");
        }
        return r;
    }

    /** One banca: its status, credentials, calls failing in the last hour, its queue, its breaker. */
    public TriageReport banca(UUID banca) {
        TriageReport r = new TriageReport("banca");
        var head = run(r, "banca", "SELECT id, name, status, status_reason, endpoint_url, contact FROM bancas WHERE id = ?", banca);
        var creds = run(r, "credentials (the signing one: activated, not superseded, not revoked)", """
                SELECT key_id, activated_at, not_after, revoked_at, imported, created_at,
                       (activated_at IS NOT NULL AND not_after IS NULL AND revoked_at IS NULL) AS signing
                  FROM banca_credentials WHERE banca_id = ? ORDER BY created_at DESC""", banca);
        var calls = run(r, "calls in the last hour by endpoint, HTTP status and outcome (banca_calls)", """
                SELECT endpoint, response_status, outcome, count(*), round(avg(latency_ms)) AS avg_ms, max(latency_ms) AS max_ms,
                       max(created_at) AS last, string_agg(DISTINCT key_id, ',') AS key_ids
                  FROM banca_calls WHERE banca_id = ? AND created_at > now() - interval '1 hour' GROUP BY 1, 2, 3 ORDER BY 4 DESC""", banca);
        var streak = run(r, "breaker: failed calls since its last verdict (the breaker lives in each node: banca_circuit_breaker_state{banca} on /metrics)", """
                SELECT count(*) AS failed_in_a_row, min(created_at) AS since, max(created_at) AS last
                  FROM banca_calls WHERE banca_id = ? AND\s""" + FAILED_CALL + """

                   AND created_at > coalesce((SELECT max(created_at) FROM banca_calls
                                               WHERE banca_id = ? AND NOT (""" + FAILED_CALL + ")), '-infinity')", banca, banca);
        run(r, "last failed calls", """
                SELECT created_at, endpoint, response_status, outcome, latency_ms, key_id, left(response_body, 120) AS response
                  FROM banca_calls WHERE banca_id = ? AND\s""" + FAILED_CALL + " ORDER BY created_at DESC LIMIT 10", banca);
        var queue = run(r, "open forwarding jobs", """
                SELECT count(*) AS open, count(*) FILTER (WHERE needs_attention) AS needs_attention, now() - min(created_at) AS oldest,
                       max(attempts) AS max_attempts FROM pending_banca_jobs WHERE banca_id = ? AND completed_at IS NULL""", banca);
        if (head.rows().isEmpty()) {
            r.finding("no banca " + banca);
            return r;
        }
        String status = String.valueOf(head.rows().getFirst().get("status"));
        if (creds.rows().stream().noneMatch(c -> Boolean.TRUE.equals(c.get("signing"))) && "active".equals(status)) {
            r.finding("active but no signing secret: every call fails before it is sent");
            r.mitigation("yantra banca credential rotate " + banca + "    # then activate the new key id and hand the secret over");
        }
        long failed = 0;
        long total = 0;
        boolean signatureRefused = false;
        for (Map<String, Object> c : calls.rows()) {
            long n = count(c.get("count"));
            total += n;
            if (!List.of("confirmed", "rejected", "accepted").contains(String.valueOf(c.get("outcome")))) failed += n;
            Object http = c.get("response_status");
            if (http instanceof Number h && (h.intValue() == 401 || h.intValue() == 403)) signatureRefused = true;
        }
        if (failed > 0) r.finding(failed + " of " + total + " calls in the last hour got no verdict (retry, error, timeout)");
        long inARow = streak.rows().isEmpty() ? 0 : count(streak.rows().getFirst().get("failed_in_a_row"));
        if (inARow >= 5) {
            r.finding(inARow + " failed calls in a row since " + streak.rows().getFirst().get("since") + ": its breaker is likely open (alert YantraBancaDown)");
        }
        if (signatureRefused) {
            String signing = creds.rows().stream().filter(c -> Boolean.TRUE.equals(c.get("signing"))).map(c -> String.valueOf(c.get("key_id")))
                    .findFirst().orElse("<none>");
            r.finding("the banca answers 401/403: it refuses our signature (we sign with key " + signing + ")");
            r.mitigation("yantra banca credential rotate " + banca + "    # stage a new secret; hand it to the banca");
            r.mitigation("yantra banca credential activate <new key id> --overlap 24h    # once the banca holds it");
        }
        Map<String, Object> q = queue.rows().getFirst();
        if (count(q.get("needs_attention")) > 0) r.finding(q.get("needs_attention") + " open forwarding jobs need a person (retries exhausted)");
        if (!r.findings().isEmpty() && "active".equals(status)) {
            r.mitigation("yantra banca suspend " + banca + " --reason \"banca down: calls failing\"    # stop routing new plays to it");
        }
        if ("suspended".equals(status)) r.mitigation("yantra banca activate " + banca + "    # when its calls succeed again");
        r.mitigation("yantra banca show " + banca);
        return r;
    }
}
