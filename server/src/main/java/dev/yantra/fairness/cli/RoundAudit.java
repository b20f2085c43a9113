package dev.yantra.fairness.cli;

import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import dev.yantra.fairness.audit.RoundAuditor;
import dev.yantra.ops.triage.TriageCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** The database modes of {@code yantra verify}: one round, or a payout audit over a window. JSON on stdout. */
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
            RoundAuditor.AuditSummary s = auditor.since(TriageCommand.Durations.parse(since), op, Math.max(0, sample));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("roundsChecked", s.rounds());
            doc.put("betsChecked", s.bets());
            doc.put("ok", s.ok());
            doc.put("mismatches", s.failures().stream().map(RoundAudit::check).toList());
            out.println(JSON.writeValueAsString(doc));
            out.flush();
            return s.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
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
