package dev.yantra.ops.support;

import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import dev.yantra.ops.triage.TriageCommand;
import dev.yantra.ops.triage.TriageReport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code yantra bet show <betId|transactionUuid>} and {@code yantra bet list --player P}: a bet's whole story. */
@Command(name = "bet", mixinStandardHelpOptions = true, description = "Support lookup: a bet's timeline, a player's bets.",
        subcommands = {BetCommand.Show.class, BetCommand.ListBets.class})
public class BetCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Placed, every wallet call, jobs (open ones with why they wait and what to run), final state, round and proof link. "
                    + "Exit 0 when the bet exists, 1 when it does not.")
    static class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "BET-ID|TRANSACTION-UUID") UUID id;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                BetLookup.Timeline t = new BetLookup(db.jdbc()).show(id);
                TriageReport r = new TriageReport("bet " + t.bet().get("id"))
                        .section("bet", null, List.of(t.bet()))
                        .section("round", null, t.round().isEmpty() ? List.of() : List.of(t.round()))
                        .section("wallet calls", null, t.walletCalls())
                        .section("jobs", null, t.jobs())
                        .section("open jobs", null, t.openJobs())
                        .finding("final state: " + t.bet().get("state") + (t.bet().get("resolution") == null ? "" : " (" + t.bet().get("resolution") + ")"))
                        .finding("proof: " + t.proofUrl());
                // a bet that still owes a wallet call is not done: name each open job, why it waits, what to run
                for (Map<String, Object> job : t.openJobs()) {
                    Object jobId = job.get("id"), endpoint = job.get("endpoint");
                    r.problem("open " + endpoint + " job " + jobId + " (" + job.get("attempts") + " attempts, last error "
                            + (job.get("last_error") == null ? "none" : job.get("last_error")) + "): " + job.get("waiting_for"));
                    r.mitigation("yantra jobs list --operator " + t.bet().get("operator_id") + " --endpoint " + endpoint);
                    r.mitigation("yantra jobs retry " + jobId + "    # try it now");
                    if ("ROLLBACK".equals(endpoint)) r.mitigation("yantra triage stuck-rollbacks");
                    else r.mitigation("yantra triage queue");
                }
                if (json) r.printJson(System.out); else r.printText(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "A player's bets, newest first.")
    static class ListBets implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--player", required = true) String player;
        @Option(names = "--operator", paramLabel = "ID|NAME") String operator;
        @Option(names = "--since", defaultValue = "24h") String since;
        @Option(names = "--limit", defaultValue = "100") int limit;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                UUID op = operator == null ? null : Cli.resolveOperator(db.jdbc(), operator);
                List<Map<String, Object>> rows = new BetLookup(db.jdbc()).list(player, op, TriageCommand.Durations.parse(since), Math.min(limit, 10_000));
                TriageReport r = new TriageReport("bets of player " + player).section("bets", null, rows);
                if (json) r.printJson(System.out); else r.printText(System.out);
            }
            return ExitCodes.OK;
        }
    }
}
