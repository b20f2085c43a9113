package dev.yantra.ops.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drafts the playbook's post-mortem (§11) for one operator and window from what the database saw: breaker
 * transitions and halts, the first failed wallet call, queue depth over time, bets rejected, players affected,
 * stakes in uncertain state at the worst moment and now, wins paid late. What needs a human stays a prompt.
 */
public final class IncidentReport {
    private final JdbcClient jdbc;

    public IncidentReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Figures(long betsRejected, long playersAffected, long uncertainStakeWorstMicro, long uncertainStakeNowMicro,
                          long winsPaidLate, long maxWinDelaySeconds, long maxQueueDepth, Instant firstFailedCall) {
    }

    public Figures figures(UUID op, Instant from, Instant to) {
        long rejected = count("SELECT count(*) FROM bets WHERE operator_id = ? AND created_at BETWEEN ? AND ? AND state IN ('REJECTED', 'UNCERTAIN', 'REFUNDED') AND reason IS NOT NULL", op, from, to);
        long players = count("""
                SELECT count(DISTINCT player_ref) FROM bets
                 WHERE operator_id = ? AND ((created_at BETWEEN ? AND ? AND state IN ('REJECTED', 'UNCERTAIN', 'REFUNDED') AND reason IS NOT NULL)
                    OR id IN (SELECT bet_id FROM pending_wallet_jobs WHERE operator_id = ? AND created_at BETWEEN ? AND ? AND attempts > 1))""",
                op, ts(from), ts(to), op, ts(from), ts(to));
        long worst = count("""
                SELECT coalesce(max(s), 0) FROM (
                  SELECT (SELECT coalesce(sum(amount_micro), 0) FROM pending_wallet_jobs j
                           WHERE j.operator_id = ? AND j.endpoint = 'ROLLBACK' AND j.created_at <= t AND (j.completed_at IS NULL OR j.completed_at > t)) AS s
                    FROM generate_series(?::timestamptz, ?::timestamptz, interval '1 minute') t) x""", op, ts(from), ts(to));
        long now = count("SELECT coalesce(sum(amount_micro), 0) FROM pending_wallet_jobs WHERE operator_id = ? AND endpoint = 'ROLLBACK' AND completed_at IS NULL", op);
        Map<String, Object> late = jdbc.sql("""
                SELECT count(*) AS n, coalesce(max(extract(epoch FROM completed_at - created_at)), 0)::bigint AS max_delay
                  FROM pending_wallet_jobs WHERE operator_id = ? AND endpoint = 'WIN' AND created_at BETWEEN ? AND ? AND completed_at IS NOT NULL""")
                .params(op, ts(from), ts(to)).query().singleRow();
        long depth = count("""
                SELECT coalesce(max(d), 0) FROM (
                  SELECT (SELECT count(*) FROM pending_wallet_jobs j WHERE j.operator_id = ? AND j.created_at <= t
                             AND (j.completed_at IS NULL OR j.completed_at > t)) AS d
                    FROM generate_series(?::timestamptz, ?::timestamptz, interval '1 minute') t) x""", op, ts(from), ts(to));
        List<java.sql.Timestamp> first = jdbc.sql("SELECT min(created_at) FROM wallet_calls WHERE operator_id = ? AND NOT succeeded AND created_at BETWEEN ? AND ?")
                .params(op, ts(from), ts(to)).query(java.sql.Timestamp.class).list();
        Instant firstFailed = first.isEmpty() || first.getFirst() == null ? null : first.getFirst().toInstant();
        return new Figures(rejected, players, worst, now, ((Number) late.get("n")).longValue(), ((Number) late.get("max_delay")).longValue(),
                depth, firstFailed);
    }

    public String markdown(UUID op, Instant from, Instant to) {
        Figures f = figures(op, from, to);
        String name = jdbc.sql("SELECT name FROM operators WHERE id = ?").param(op).query(String.class).optional().orElse(op.toString());
        StringBuilder md = new StringBuilder();
        Duration d = Duration.between(from, to);
        md.append("Title: Yantra operator ").append(name).append(" incident, ").append(from.toString(), 0, 10).append('\n');
        md.append("Severity: SEV<N>   <!-- SEV2 for one operator unless money moved incorrectly -->\n");
        md.append("Detected at: ").append(f.firstFailedCall() == null ? "<UTC>" : f.firstFailedCall()).append("   <!-- first failed wallet call -->\n");
        md.append("Mitigated at: <UTC>\n");
        md.append(String.format("Duration: %02d:%02d (window %s → %s)%n%n", d.toHours(), d.toMinutesPart(), from, to));
        md.append("Summary:\n  <two-sentence synopsis>\n\n");
        md.append("Impact:\n");
        md.append("  - ").append(f.playersAffected()).append(" players affected\n");
        md.append("  - ").append(f.betsRejected()).append(" bets rejected\n");
        md.append("  - ").append(f.uncertainStakeWorstMicro()).append(" micro-units of stakes in uncertain state at the worst moment, ")
                .append(f.uncertainStakeNowMicro()).append(" now\n");
        md.append("  - ").append(f.winsPaidLate()).append(" wins paid late, the longest after ").append(f.maxWinDelaySeconds()).append(" s\n");
        md.append("  - queue depth peaked at ").append(f.maxQueueDepth()).append(" open jobs\n\n");
        md.append("Timeline:\n");
        timeline(op, from, to).forEach(line -> md.append("  ").append(line).append('\n'));
        md.append("\nRoot cause:\n  <where the system failed, and why; mechanisms, not people>\n\n");
        md.append("What worked:\n  <monitors / runbooks / people that did their job>\n\n");
        md.append("What did not work:\n  <gaps, confusion, mis-alerts, missing runbook entries>\n\n");
        md.append("Follow-up:\n  - [ ] <action item (owner, due date)>\n\n");
        md.append("Artifacts:\n  - `yantra triage wallet-down --operator ").append(op).append("`\n  - `yantra bet list --player <P> --operator ").append(op).append("`\n");
        return md.toString();
    }

    private List<String> timeline(UUID op, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT at, what FROM (
                  SELECT min(created_at) AS at, 'first failed wallet call' AS what FROM wallet_calls
                   WHERE operator_id = :op AND NOT succeeded AND created_at BETWEEN :from AND :to
                  UNION ALL
                  SELECT created_at, 'breaker ' || from_state || ' -> ' || to_state || ' on ' || node FROM breaker_transitions
                   WHERE operator_id = :op AND created_at BETWEEN :from AND :to
                  UNION ALL
                  SELECT created_at, lower(scope) || ' halted by ' || created_by FROM kill_switches
                   WHERE (operator_id = :op OR operator_id IS NULL) AND created_at BETWEEN :from AND :to
                  UNION ALL
                  SELECT cleared_at, lower(scope) || ' resumed by ' || cleared_by FROM kill_switches
                   WHERE (operator_id = :op OR operator_id IS NULL) AND cleared_at BETWEEN :from AND :to
                  UNION ALL
                  SELECT created_at, action || ' by ' || changed_by FROM admin_audit_log
                   WHERE subject = 'operator ' || CAST(:op AS text) AND created_at BETWEEN :from AND :to
                  UNION ALL
                  SELECT max(completed_at), 'last owed job completed' FROM pending_wallet_jobs
                   WHERE operator_id = :op AND created_at BETWEEN :from AND :to
                ) t WHERE at IS NOT NULL ORDER BY at""")
                .param("op", op).param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> rs.getTimestamp("at").toInstant().toString().substring(11, 19) + " UTC, " + rs.getString("what"))
                .list();
    }

    private long count(String sql, Object... params) {
        Object[] converted = new Object[params.length];
        for (int i = 0; i < params.length; i++) converted[i] = params[i] instanceof Instant in ? ts(in) : params[i];
        Number n = jdbc.sql(sql).params(converted).query(Number.class).single();
        return n == null ? 0 : n.longValue();
    }

    private static java.sql.Timestamp ts(Instant i) {
        return java.sql.Timestamp.from(i);
    }
}
