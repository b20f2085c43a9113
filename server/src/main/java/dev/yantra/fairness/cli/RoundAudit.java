package dev.yantra.fairness.cli;

import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.db.Database;
import dev.yantra.fairness.audit.RoundAuditor;
import dev.yantra.ops.triage.TriageCommand;
import dev.yantra.round.MoneyInvariants;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database modes of {@code yantra verify}: one round, or a payout audit over a window (with the money
 * invariants of {@link MoneyInvariants} over the window's rounds). JSON on stdout.
 */
final class RoundAudit {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandSpec spec;

    RoundAudit(CommandSpec spec) {
        this.spec = spec;
    }

    int run(DataDirOption data, UUID round, String since, String operator, int sample) {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = data.openDatabase()) {
            RoundAuditor auditor = new RoundAuditor(db.jdbc());
            if (round != null) {
                RoundAuditor.RoundCheck c = auditor.verify(round);
                out.println(JSON.writeValueAsString(check(c)));
                out.flush();
                return c.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            }
            UUID op = operator == null ? null : Cli.resolveOperator(db.jdbc(), operator);
            java.time.Duration window = TriageCommand.Durations.parse(since);
            RoundAuditor.AuditSummary s = auditor.since(window, op, Math.max(0, sample));
            // the money invariants over every round of the window (never sampled: one query, and a broken bet is rare)
            List<MoneyInvariants.Violation> broken = new MoneyInvariants(db.jdbc()).violations(NodeClock.system().instant().minus(window), op);
            boolean ok = s.ok() && broken.isEmpty();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("roundsChecked", s.rounds());
            doc.put("betsChecked", s.bets());
            doc.put("ok", ok);
            doc.put("mismatches", s.failures().stream().map(RoundAudit::check).toList());
            doc.put("moneyInvariantsBroken", broken.stream().map(RoundAudit::violation).toList());
            out.println(JSON.writeValueAsString(doc));
            out.flush();
            return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    private static Map<String, Object> violation(MoneyInvariants.Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", v.kind().name());
        m.put("betId", v.betId().toString());
        m.put("betState", v.betState());
        m.put("roundId", v.roundId().toString());
        m.put("roundState", v.roundState());
        if (v.at() != null) m.put("at", v.at().toString());
        m.put("bettingClosesAt", v.bettingClosesAt() == null ? null : v.bettingClosesAt().toString());
        return m;
    }

    private static Map<String, Object> check(RoundAuditor.RoundCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roundId", c.roundId().toString());
        m.put("state", c.state());
        m.put("bets", c.bets());
        m.put("ok", c.ok());
        m.put("problems", List.copyOf(c.problems()));
        return m;
    }
}
