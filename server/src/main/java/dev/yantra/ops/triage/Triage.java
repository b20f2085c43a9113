package dev.yantra.ops.triage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.WalletStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The playbooks' triage sections as code: each method runs its section's queries (the playbook's own SQL where
 * it has some, verbatim apart from placeholders) and ends with the mitigation commands, ids filled in. Read-only.
 * Where the playbook's own query counts more than the section means (e.g. {@code succeeded=false} includes
 * BALANCE probes, which never "succeed" because they move no money), the verdict comes from a query of ours
 * beside it. Each section records a {@link TriageReport#problem} only when it found what its playbook is about.
 */
public final class Triage {
    /** The wire codes that are a healthy answer for the breaker; anything else, or no code at all, is a failure. */
    static final List<String> HEALTHY_ANSWERS = java.util.Arrays.stream(WalletStatus.values())
            .filter(st -> !Classification.breakerFailure(st)).map(Enum::name).toList();
    /** BET, WIN and ROLLBACK calls the breaker counts as failures: no answer, garbage, the wallet's own errors. */
    static final String WALLET_FAILURES = """
            SELECT endpoint, count(*) FILTER (WHERE failure) AS failures, count(*) AS calls,
                   max(created_at) FILTER (WHERE failure) AS last_failure, max(created_at) FILTER (WHERE NOT failure) AS last_healthy
              FROM (SELECT endpoint, created_at, (status IS NULL OR status <> ALL (:healthy)) AS failure
                      FROM wallet_calls WHERE operator_id = :op AND endpoint <> 'BALANCE' AND created_at > now() - interval '1h') c
             GROUP BY 1 ORDER BY 2 DESC""";

    private final JdbcClient jdbc;

    public Triage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private List<Map<String, Object>> rows(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query().listOfRows();
    }

    private TriageReport.Section run(TriageReport r, String title, String sql, Object... params) {
        r.section(title, sql, rows(sql, params));
        return r.sections().getLast();
    }

    /** Playbook 1. */
    public TriageReport stuckRollbacks() {
        TriageReport r = new TriageReport("stuck-rollbacks");
        var byOperator = run(r, "open ROLLBACK jobs per operator",
                "SELECT operator_id, count(*), max(age(now(), created_at)) FROM pending_wallet_jobs WHERE endpoint='ROLLBACK' AND completed_at IS NULL GROUP BY 1 ORDER BY 2 DESC");
        run(r, "growing or stable? (open rollbacks by minute created)",
                "SELECT date_trunc('minute', created_at), count(*) FROM pending_wallet_jobs WHERE endpoint='ROLLBACK' AND completed_at IS NULL GROUP BY 1 ORDER BY 1 DESC LIMIT 30");
        run(r, "last_error of open rollbacks",
                "SELECT last_error, count(*) FROM pending_wallet_jobs WHERE endpoint='ROLLBACK' AND completed_at IS NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 10");
        for (Map<String, Object> op : byOperator.rows().stream().limit(3).toList()) {
            UUID operator = (UUID) op.get("operator_id");
            run(r, "failed ROLLBACK calls of operator " + operator,
                    "SELECT created_at, status, response_body FROM wallet_calls WHERE operator_id=? AND endpoint='ROLLBACK' AND succeeded=false ORDER BY created_at DESC LIMIT 20",
                    operator);
            // the job whose latest answer says nothing had moved (or it is already rolled back) can be closed by hand
            var closable = rows("""
                    SELECT j.id, c.status FROM pending_wallet_jobs j
                      JOIN LATERAL (SELECT status FROM wallet_calls w WHERE w.transaction_uuid = j.transaction_uuid
                                     ORDER BY w.created_at DESC LIMIT 1) c ON true
                     WHERE j.operator_id = ? AND j.endpoint = 'ROLLBACK' AND j.completed_at IS NULL
                       AND c.status IN ('RS_ERROR_TRANSACTION_DOES_NOT_EXIST', 'RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK', 'RS_ERROR_DUPLICATE_TRANSACTION')
                     LIMIT 20""", operator);
            for (Map<String, Object> c : closable) {
                r.mitigation("yantra jobs complete " + c.get("id") + " --reason \"" + c.get("status") + ": stake never left / already returned\"");
            }
            r.mitigation("yantra wallet probe --operator " + operator + "    # 5xx or timeout: wallet down, notify them, retries continue");
            r.mitigation("yantra jobs list --endpoint ROLLBACK --operator " + operator);
        }
        if (byOperator.rows().size() > 1) {
            r.finding(byOperator.rows().size() + " operators have stuck rollbacks at once: suspect our retry path (roll back the deploy, SEV1)");
        }
        // the playbook's threshold: a rollback is stuck after 5 minutes; a younger one is ordinary retrying
        Map<String, Object> age = rows("""
                SELECT count(*) AS open, count(*) FILTER (WHERE created_at < now() - interval '5 minutes') AS stuck
                  FROM pending_wallet_jobs WHERE endpoint = 'ROLLBACK' AND completed_at IS NULL""").getFirst();
        long stuck = ((Number) age.get("stuck")).longValue(), open = ((Number) age.get("open")).longValue();
        if (stuck > 0) r.problem(stuck + " ROLLBACK job(s) open for more than 5 minutes");
        else if (open > 0) r.finding(open + " open ROLLBACK job(s), none older than 5 minutes: ordinary retrying");
        return r;
    }

    /** Playbook 6. */
    public TriageReport queue() {
        TriageReport r = new TriageReport("queue");
        var open = run(r, "open jobs by endpoint and operator",
                "SELECT endpoint, operator_id, count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL GROUP BY 1,2 ORDER BY 3 DESC LIMIT 20");
        run(r, "are attempts incrementing? (open jobs by attempts, newest lease)",
                """
                SELECT attempts, count(*), max(locked_until) AS latest_lease, count(*) FILTER (WHERE needs_attention) AS needs_attention
                  FROM pending_wallet_jobs WHERE completed_at IS NULL GROUP BY 1 ORDER BY 1 DESC LIMIT 20""");
        long total = open.rows().stream().mapToLong(m -> ((Number) m.get("count")).longValue()).sum();
        r.finding(total + " open jobs");
        // the playbook's SEV2: depth over 1000; and what no backlog explains: jobs flagged or waiting for 10 minutes
        Map<String, Object> health = rows("""
                SELECT count(*) FILTER (WHERE needs_attention) AS needs_attention,
                       count(*) FILTER (WHERE created_at < now() - interval '10 minutes') AS older_than_10m
                  FROM pending_wallet_jobs WHERE completed_at IS NULL""").getFirst();
        long flagged = ((Number) health.get("needs_attention")).longValue(), old = ((Number) health.get("older_than_10m")).longValue();
        if (total > 1000) r.problem("queue depth " + total + " is over 1000");
        if (flagged > 0) r.problem(flagged + " job(s) flagged needs_attention");
        if (old > 0) r.problem(old + " job(s) open for more than 10 minutes");
        if (!open.rows().isEmpty()) {
            Map<String, Object> top = open.rows().getFirst();
            if (total > 0 && ((Number) top.get("count")).longValue() * 2 > total) {
                r.finding("operator " + top.get("operator_id") + " holds most of the queue: treat as an operator outage (breaker)");
                r.mitigation("yantra triage breaker --operator " + top.get("operator_id"));
            }
            r.mitigation("yantra jobs list --stuck");
            r.mitigation("yantra settings set jobs.concurrency=32    # genuine backlog: more in flight per node, or add nodes");
        }
        return r;
    }

    /** Playbook 7. */
    public TriageReport dbConnections() {
        TriageReport r = new TriageReport("db-connections");
        run(r, "connections to this database", "SELECT count(*), current_setting('max_connections') AS max_connections FROM pg_stat_activity WHERE datname = current_database()");
        run(r, "by state", "SELECT state, count(*) FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1 ORDER BY 2 DESC");
        run(r, "by application (each node sets application_name=yantra-<node>) and state",
                """
                SELECT application_name, state, count(*), max(now() - coalesce(xact_start, backend_start)) AS oldest
                  FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1, 2 ORDER BY 3 DESC""");
        var longest = run(r, "longest-held transaction",
                """
                SELECT pid, application_name, state, now() - xact_start AS held_for, left(query, 200) AS query
                  FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
                 ORDER BY xact_start LIMIT 1""");
        if (!longest.rows().isEmpty() && "idle in transaction".equals(longest.rows().getFirst().get("state"))) {
            r.problem("an idle-in-transaction session holds a transaction: " + longest.rows().getFirst().get("application_name"));
            r.mitigation("SELECT pg_terminate_backend(" + longest.rows().getFirst().get("pid") + ");   # or restart that node");
        }
        Map<String, Object> use = rows("""
                SELECT count(*) AS used, current_setting('max_connections')::int AS max
                  FROM pg_stat_activity WHERE datname = current_database()""").getFirst();
        long used = ((Number) use.get("used")).longValue(), max = ((Number) use.get("max")).longValue();
        if (used * 10 >= max * 9) r.problem(used + " of " + max + " connections in use (90 % or more)");
        r.mitigation("yantra settings set db.logSql=1    # log every statement of the nodes while you look");
        return r;
    }

    /** Playbook 3. */
    public TriageReport credentialLeak(UUID operator, String kid, Duration since) {
        TriageReport r = new TriageReport("credential-leak");
        var cred = run(r, "the credential", "SELECT id, kid, created_at, revoked_at FROM operator_credentials WHERE operator_id=? AND kid=?", operator, kid);
        run(r, "wallet calls of the operator in the last 24 h (by second)",
                "SELECT created_at, count(*) FROM wallet_calls WHERE operator_id=? AND created_at > now() - interval '24h' GROUP BY 1 ORDER BY 1 DESC LIMIT 50", operator);
        run(r, "what the kid signed, per day and source IP (inbound)",
                """
                SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, source_ip, count(*) AS requests,
                       count(*) FILTER (WHERE endpoint LIKE '%session%') AS sessions
                  FROM inbound_idempotency WHERE kid = ? AND created_at > now() - make_interval(secs => ?)
                 GROUP BY 1, 2 ORDER BY 1 DESC, 3 DESC""", kid, (double) since.toSeconds());
        run(r, "wallet calls signed by the kid (outbound), per day",
                "SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, endpoint, count(*) FROM wallet_calls WHERE kid = ? AND created_at > now() - make_interval(secs => ?) GROUP BY 1, 2 ORDER BY 1 DESC",
                kid, (double) since.toSeconds());
        run(r, "compliance contact", "SELECT name, compliance_contact FROM operators WHERE id = ?", operator);
        if (cred.rows().isEmpty()) {
            r.missing("no credential " + kid + " for operator " + operator);
        } else if (cred.rows().getFirst().get("revoked_at") == null) {
            r.problem("credential " + kid + " is active: whoever holds it can still sign");
            r.mitigation("yantra credential revoke " + kid);
        } else {
            r.finding("credential already revoked at " + cred.rows().getFirst().get("revoked_at"));
        }
        r.mitigation("yantra credential issue --operator " + operator + " --kind inbound    # deliver through a secure channel");
        r.mitigation("yantra credential audit --kid " + kid + " --since 7d");
        return r;
    }

    /** Playbook 5. */
    public TriageReport breaker(UUID operator) {
        TriageReport r = new TriageReport("breaker");
        run(r, "last wallet calls with succeeded=false (the playbook's query: it also lists BALANCE probes and business answers, which are not failures)",
                "SELECT created_at, endpoint, response_status, response_body FROM wallet_calls WHERE operator_id=? AND succeeded=false ORDER BY created_at DESC LIMIT 20", operator);
        var failures = run(r, "wallet failures by endpoint in the last hour, as the breaker counts them (no answer, 5xx, garbage, the wallet's own errors)",
                WALLET_FAILURES, Map.of("op", operator, "healthy", HEALTHY_ANSWERS.toArray(new String[0])));
        run(r, "breaker override", "SELECT mode, set_by, set_at, reason FROM breaker_overrides WHERE operator_id = ?", operator);
        long count = failures.rows().stream().mapToLong(m -> ((Number) m.get("failures")).longValue()).sum();
        Map<String, Object> probes = rows("""
                SELECT count(*) AS probes, count(*) FILTER (WHERE status IS NULL OR status <> 'RS_OK') AS unanswered
                  FROM wallet_calls WHERE operator_id = ? AND endpoint = 'BALANCE' AND created_at > now() - interval '1h'""", operator).getFirst();
        if (((Number) probes.get("probes")).longValue() > 0) {
            r.finding(probes.get("probes") + " BALANCE probe(s) in the last hour, " + probes.get("unanswered")
                    + " without RS_OK (not counted above: a probe moves no money, so the journal never marks it succeeded)");
        }
        String open = dev.yantra.breaker.RecordedBreakers.open(jdbc).get(operator);
        r.mitigation("yantra wallet probe --operator " + operator);
        if (count > 0) {
            r.problem(count + " wallet failures in the last hour ("
                    + String.join(", ", failures.rows().stream().filter(m -> ((Number) m.get("failures")).longValue() > 0)
                            .map(m -> m.get("endpoint") + " " + m.get("failures")).toList()) + ")");
            r.mitigation("yantra breaker force-open --operator " + operator + "    # wallet really down: keep it open, notify them");
            r.mitigation("yantra breaker auto --operator " + operator + "          # when they are healthy again");
        } else {
            r.finding("0 wallet failures in the last hour");
            long unanswered = ((Number) probes.get("unanswered")).longValue();
            if (open != null && unanswered > 0) {
                // the breaker counts a probe that got no answer; the wallet may be down for everything but our calls so far
                r.problem(open + "; only BALANCE probes went unanswered (" + unanswered + "): probe again before deciding");
            } else if (open != null) {
                r.problem(open + ", yet no wallet failure in the last hour");
                r.mitigation("yantra breaker auto --operator " + operator + "    # the wallet answers: let the breaker close");
            }
        }
        if (open != null && count > 0) r.finding(open);
        signatureRefusals(r, operator);
        return r;
    }

    /**
     * A wallet refusing our signature holds a different key than the one we sign with — usually a rotation
     * activated before the operator installed the new secret. Names the kid the refused calls carried, the kid we
     * sign with now, and a still-valid predecessor to go back to.
     */
    private void signatureRefusals(TriageReport r, UUID operator) {
        var refused = rows("""
                SELECT kid, count(*) AS refused, max(created_at) AS last FROM wallet_calls
                 WHERE operator_id = ? AND created_at > now() - interval '1h'
                   AND (status = 'RS_ERROR_INVALID_SIGNATURE' OR response_status IN (401, 403))
                 GROUP BY kid ORDER BY last DESC""", operator);
        if (refused.isEmpty()) return;
        var keys = rows("""
                SELECT kid, activated_at, not_after FROM operator_credentials
                 WHERE operator_id = ? AND kind = 'OUTBOUND' AND activated_at <= now() AND revoked_at IS NULL
                   AND not_before <= now() AND (not_after IS NULL OR not_after > now())
                 ORDER BY activated_at DESC""", operator);
        String inUse = keys.isEmpty() ? "none" : keys.getFirst().get("kid") + " (active since " + keys.getFirst().get("activated_at") + ")";
        for (Map<String, Object> k : refused) {
            r.problem("the wallet refused our signature " + k.get("refused") + " time(s) in the last hour with kid " + k.get("kid")
                    + " (last " + k.get("last") + "); we sign with " + inUse);
        }
        if (keys.size() > 1) {
            r.mitigation("yantra credential activate " + keys.get(1).get("kid") + "    # back to the previous key (valid until "
                    + keys.get(1).get("not_after") + ") until the operator installs " + keys.getFirst().get("kid"));
        } else {
            r.mitigation("yantra credential list --operator " + operator + "    # the operator's wallet must hold the ACTIVE outbound key");
        }
    }

    /** Playbook 2. */
    public TriageReport rtpDrift() {
        TriageReport r = new TriageReport("rtp-drift");
        var audit = run(r, "RTP-relevant config changes in the last 24 h",
                "SELECT * FROM operator_config_audit_log WHERE field_name IN ('lowWeight','highWeight','commissionMicro') AND created_at > now() - interval '24h' ORDER BY created_at DESC");
        run(r, "settled rounds and bets per operator in the last 24 h, with realised RTP",
                """
                SELECT b.operator_id, r.game_code, b.currency, count(DISTINCT r.id) AS rounds, count(*) AS bets,
                       sum(b.amount_micro) AS staked_micro, sum(coalesce(b.payout_micro, 0)) AS paid_micro,
                       round(sum(coalesce(b.payout_micro, 0))::numeric / nullif(sum(b.amount_micro), 0), 6) AS rtp
                  FROM bets b JOIN rounds r ON r.id = b.round_id
                 WHERE b.state IN ('LOST', 'WON', 'WIN_OWED') AND b.settled_at > now() - interval '24h'
                 GROUP BY 1, 2, 3 ORDER BY bets DESC""");
        var configs = rows("SELECT operator_id, game_code, currency, config FROM operator_game_configs WHERE enabled");
        for (Map<String, Object> c : configs.stream().limit(5).toList()) {
            var cfg = tools.jackson.databind.json.JsonMapper.builder().build().readTree(c.get("config").toString());
            r.mitigation("yantra rtp --game " + c.get("game_code") + " --rounds 10000000 --low " + cfg.path("lowWeight").asString("48")
                    + " --high " + cfg.path("highWeight").asString("48") + " --commission-micro " + cfg.path("commissionMicro").asString("0")
                    + "    # operator " + c.get("operator_id") + " " + c.get("currency"));
        }
        r.mitigation("yantra verify --since 24h --sample 50    # any mismatch: yantra halt bets, page SEV1");
        // a row without an old value records a field's first value (the config was created): there is nothing to revert to
        long changes = audit.rows().stream().filter(a -> a.get("old_value") != null).count();
        if (changes > 0) r.problem(changes + " RTP-relevant config change(s) in the last 24 h: the first suspect of a drift");
        for (Map<String, Object> a : audit.rows()) {
            if (a.get("old_value") == null) continue;
            r.mitigation("yantra config revert " + a.get("id") + " --confirm    # " + a.get("field_name") + " " + a.get("old_value")
                    + " -> " + a.get("new_value") + " by " + a.get("changed_by"));
        }
        return r;
    }

    /** Playbook 10. */
    public TriageReport walletDown(UUID operator) {
        TriageReport r = new TriageReport("wallet-down");
        // rejected by the wallet (a bets row) or refused before it was asked: breaker open, bets halted, operator paused
        var refused = run(r, "bets rejected or refused in the last hour, by reason",
                """
                SELECT reason, source, count(*) FROM (
                       SELECT reason, 'rejected' AS source FROM bets WHERE operator_id = :op AND state = 'REJECTED' AND created_at > now() - interval '1h'
                       UNION ALL
                       SELECT reason, 'refused before the wallet' FROM bet_refusals WHERE operator_id = :op AND refused_at > now() - interval '1h') x
                 GROUP BY 1, 2 ORDER BY 3 DESC""", Map.of("op", operator));
        run(r, "winners and refunds waiting", """
                SELECT endpoint, count(*), sum(amount_micro) AS amount_micro, min(created_at) AS oldest
                  FROM pending_wallet_jobs WHERE operator_id = ? AND completed_at IS NULL GROUP BY 1""", operator);
        run(r, "last wallet calls", "SELECT created_at, endpoint, status, response_status, latency_ms FROM wallet_calls WHERE operator_id = ? ORDER BY created_at DESC LIMIT 10", operator);
        run(r, "compliance contact", "SELECT name, compliance_contact FROM operators WHERE id = ?", operator);
        long total = refused.rows().stream().mapToLong(m -> ((Number) m.get("count")).longValue()).sum();
        long beforeWallet = refused.rows().stream().filter(m -> !"rejected".equals(m.get("source")))
                .mapToLong(m -> ((Number) m.get("count")).longValue()).sum();
        if (total > 0) r.finding(total + " bets refused in the last hour (" + beforeWallet + " before reaching the wallet)");
        if (beforeWallet > 0) r.problem(beforeWallet + " bets refused without asking the wallet in the last hour (breaker open, bets halted or operator paused)");
        String open = dev.yantra.breaker.RecordedBreakers.open(jdbc).get(operator);
        if (open != null) r.problem(open);
        Map<String, Object> last = rows("""
                SELECT (status IS NULL OR status <> ALL (?)) AS failure, created_at FROM wallet_calls
                 WHERE operator_id = ? AND endpoint <> 'BALANCE' ORDER BY created_at DESC LIMIT 1""",
                HEALTHY_ANSWERS.toArray(new String[0]), operator).stream().findFirst().orElse(null);
        if (last != null && Boolean.TRUE.equals(last.get("failure"))) r.problem("the last wallet call (" + last.get("created_at") + ") failed");
        signatureRefusals(r, operator);
        if (!r.problemFound()) {
            r.finding("the wallet answers and no bet was refused without it: not down");
            return r;
        }
        r.mitigation("yantra wallet probe --operator " + operator);
        r.mitigation("yantra breaker force-open --operator " + operator + "    # keep it open while they are down");
        r.mitigation("yantra incident post --operator " + operator + " --message \"Wallet maintenance: bets paused, winnings will be paid\"");
        return r;
    }

    /**
     * Playbook 4. Drift = offered timestamp − our clock: positive means the operator's clock is ahead. One-sided
     * drift from some hosts of one operator is their NTP; every operator drifting alike means ours.
     */
    public TriageReport clockSkew(UUID operator, Duration since) {
        TriageReport r = new TriageReport("clock-skew");
        var byHost = run(r, "clock-skew rejections by operator and source host",
                """
                SELECT operator_id, source_ip, count(*) AS rejections,
                       percentile_disc(0.5) WITHIN GROUP (ORDER BY drift_seconds) AS median_drift_s,
                       min(drift_seconds) AS min_drift_s, max(drift_seconds) AS max_drift_s,
                       min(created_at) AS since, max(created_at) AS last
                  FROM signature_rejections
                 WHERE reason = 'clock_skew_outside_window' AND drift_seconds IS NOT NULL
                   AND created_at > now() - make_interval(secs => :secs)
                   AND (CAST(:op AS uuid) IS NULL OR operator_id = :op)
                 GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50""",
                java.util.Map.of("secs", (double) since.toSeconds(), "op", operator == null ? "" : operator.toString()));
        java.util.Map<Object, java.util.List<Map<String, Object>>> perOperator = new java.util.LinkedHashMap<>();
        for (Map<String, Object> row : byHost.rows()) {
            perOperator.computeIfAbsent(row.get("operator_id"), k -> new java.util.ArrayList<>()).add(row);
        }
        int ahead = 0;
        int behind = 0;
        for (var e : perOperator.entrySet()) {
            long median = ((Number) e.getValue().getFirst().get("median_drift_s")).longValue();
            String hosts = String.join(", ", e.getValue().stream().map(h -> String.valueOf(h.get("source_ip"))).toList());
            boolean oneSided = e.getValue().stream().allMatch(h -> Long.signum(((Number) h.get("min_drift_s")).longValue()) == Long.signum(median)
                    && Long.signum(((Number) h.get("max_drift_s")).longValue()) == Long.signum(median));
            String who = e.getKey() == null ? "unknown operator" : "operator " + e.getKey();
            r.finding(who + (median >= 0 ? " ahead" : " behind") + " by ~" + Math.abs(median) + " s"
                    + (oneSided ? " (one-sided)" : " (both directions: several clocks or a replay)")
                    + " from " + hosts + ", since " + e.getValue().getFirst().get("since"));
            if (median >= 0) ahead++; else behind++;
            if (e.getKey() != null) {
                r.problem("operator " + e.getKey() + " has requests refused for clock skew");
                r.mitigation("notify operator " + e.getKey() + ": hosts " + hosts + " drift ~" + Math.abs(median) + " s; recommend chrony / cloud NTP");
            }
        }
        if (perOperator.size() >= 2 && (ahead == 0 || behind == 0)) {
            r.problem("every drifting operator drifts the same way: suspect OUR clock (check NTP on this host)");
            r.mitigation("check our NTP: chronyc tracking / timedatectl; restart chronyd and page infra");
        } else if (!perOperator.isEmpty()) {
            r.finding("our clock is not suspect: the drift is specific to the operators above");
        }
        run(r, "our clock now", "SELECT now() AS database_now, clock_timestamp() AS database_clock");
        if (!perOperator.isEmpty()) {
            r.mitigation("short term only: SIGNATURE_WINDOW_SECONDS=45 (global, never above 60) on every node");
        }
        return r;
    }

    private TriageReport.Section run(TriageReport r, String title, String sql, Map<String, Object> named) {
        var spec = jdbc.sql(sql);
        for (var e : named.entrySet()) {
            Object v = e.getValue();
            spec = spec.param(e.getKey(), "".equals(v) ? null : v instanceof String s && s.length() == 36 ? UUID.fromString(s) : v);
        }
        r.section(title, sql, spec.query().listOfRows());
        return r.sections().getLast();
    }
}
