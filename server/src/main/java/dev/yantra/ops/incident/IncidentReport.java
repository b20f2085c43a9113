package dev.yantra.ops.incident;

import dev.yantra.ops.incident.IncidentFigures.Figures;
import dev.yantra.round.MoneyInvariants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drafts the playbook's post-mortem (§11) for one operator and window from what the database saw: breaker
 * transitions and halts, the wallet outage (first failed call to the first answered call after the last
 * failure), queue depth over time, bets rejected by reason (bet rows and refusals that never got a row), players
 * affected, stakes in uncertain state at the worst moment and now, wins paid late, and any bet breaking the money
 * invariants ({@link MoneyInvariants}). What needs a human stays a prompt. The numbers' definitions are in {@link IncidentFigures}.
 */
public final class IncidentReport {
    private final JdbcClient jdbc;

    public IncidentReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Figures figures(UUID op, Instant from, Instant to) {
        return new IncidentFigures(jdbc).of(op, from, to);
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
        md.append(String.format("Duration: %02d:%02d (window %s → %s)%n", d.toHours(), d.toMinutesPart(), from, to));
        md.append("Wallet outage: ").append(outage(f)).append("\n\n");
        md.append("Summary:\n  <two-sentence synopsis>\n\n");
        md.append("Impact:\n");
        md.append("  - ").append(f.playersAffected()).append(" players affected\n");
        md.append("  - ").append(f.betsRejected()).append(" bets rejected").append(reasons(f.rejectedByReason())).append('\n');
        md.append("  - ").append(f.uncertainStakeWorstMicro()).append(" micro-units of stakes in uncertain state at the worst moment, ")
                .append(f.uncertainStakeNowMicro()).append(" now\n");
        md.append("  - ").append(f.winsPaidLate()).append(" wins paid late, the shortest after ").append(f.minWinDelaySeconds())
                .append(" s, the longest after ").append(f.maxWinDelaySeconds()).append(" s\n");
        md.append("  - queue depth peaked at ").append(f.maxQueueDepth()).append(" open jobs\n");
        md.append(moneyInvariants(op, from)).append('\n');
        md.append("Timeline:\n");
        timeline(op, from, to).forEach(line -> md.append("  ").append(line).append('\n'));
        md.append("\nRoot cause:\n  <where the system failed, and why; mechanisms, not people>\n\n");
        md.append("What worked:\n  <monitors / runbooks / people that did their job>\n\n");
        md.append("What did not work:\n  <gaps, confusion, mis-alerts, missing runbook entries>\n\n");
        md.append("Follow-up:\n  - [ ] <action item (owner, due date)>\n\n");
        md.append("Artifacts:\n  - `yantra triage wallet-down --operator ").append(op).append("`\n  - `yantra bet list --player <P> --operator ").append(op).append("`\n");
        return md.toString();
    }

    /** The always-on money checks over the operator's rounds opened since the window began (to now, not to its end). */
    private String moneyInvariants(UUID op, Instant from) {
        List<MoneyInvariants.Violation> broken = new MoneyInvariants(jdbc).violations(from, op);
        if (broken.isEmpty()) return "  - money invariants: none broken in the rounds opened since the window began\n";
        StringBuilder s = new StringBuilder("  - money invariants: ").append(broken.size())
                .append(" bets break them (SEV1: money may have moved incorrectly)\n");
        broken.forEach(v -> s.append("    - ").append(v).append('\n'));
        return s.toString();
    }

    private static String outage(Figures f) {
        if (f.firstFailedCall() == null) return "no failed wallet call in the window";
        if (f.walletAnsweredAgain() == null) return "still down at the end of the window; first failed wallet call " + f.firstFailedCall();
        return f.outage().toSeconds() + "s, first failed wallet call " + f.firstFailedCall()
                + ", first answered call after the last failure " + f.walletAnsweredAgain();
    }

    private static String reasons(Map<String, Long> byReason) {
        if (byReason.isEmpty()) return "";
        return byReason.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
    }

    private List<String> timeline(UUID op, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT at, what FROM (
                  SELECT min(created_at) AS at, 'first failed wallet call' AS what FROM wallet_calls
                   WHERE operator_id = :op AND created_at BETWEEN :from AND :to AND %s
                  UNION ALL
                  SELECT min(refused_at), 'first bet refused: ' || reason FROM bet_refusals
                   WHERE operator_id = :op AND refused_at BETWEEN :from AND :to GROUP BY reason
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
                     AND action NOT LIKE 'halt.%%' AND action NOT LIKE 'resume.%%'   -- kill_switches above says it already
                  UNION ALL
                  SELECT max(completed_at), 'last owed job completed' FROM pending_wallet_jobs
                   WHERE operator_id = :op AND created_at BETWEEN :from AND :to
                ) t WHERE at IS NOT NULL ORDER BY at""".formatted(IncidentFigures.FAILED_CALL))
                .param("op", op).param("from", IncidentFigures.ts(from)).param("to", IncidentFigures.ts(to))
                .param("answered", IncidentFigures.ANSWERED)
                .query((rs, n) -> rs.getTimestamp("at").toInstant().toString().substring(11, 19) + " UTC, " + rs.getString("what"))
                .list();
    }
}
