package dev.yantra.ops.triage;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra triage plays-stuck | webhooks | banca --banca X}: the lottery runbook's sections
 * (docs/playbooks/lottery-incident-runbook.md). Unlike the RGS topics these exit 1 when they found a problem.
 */
final class LotteryTriageCommands {
    private LotteryTriageCommands() {
    }

    abstract static class LotteryTopic implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--json", description = "One JSON document on stdout") boolean json;

        abstract TriageReport triage(LotteryTriage triage);

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                TriageReport report = triage(new LotteryTriage(db.jdbc()));
                if (json) report.printJson(System.out); else report.printText(System.out);
                return report.findings().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            }
        }
    }

    @Command(name = "plays-stuck", mixinStandardHelpOptions = true,
            description = "Lottery runbook: plays not confirmed, by banca and age, and the forwarding jobs behind them (exit 1 when some are over 1 h).")
    static class PlaysStuck extends LotteryTopic {
        TriageReport triage(LotteryTriage t) {
            return t.playsStuck();
        }
    }

    @Command(name = "webhooks", mixinStandardHelpOptions = true,
            description = "Lottery runbook: webhook outcomes and refusals of the last hour (exit 1 when below 99 %% applied or any refused).")
    static class Webhooks extends LotteryTopic {
        TriageReport triage(LotteryTriage t) {
            return t.webhooks();
        }
    }

    @Command(name = "banca", mixinStandardHelpOptions = true,
            description = "Lottery runbook: one banca's calls, credentials, queue and breaker (exit 1 when its calls fail).")
    static class Banca extends LotteryTopic {
        @Option(names = "--banca", required = true, paramLabel = "ID|NAME") String banca;

        TriageReport triage(LotteryTriage t) {
            return t.banca(t.resolveBanca(banca));
        }
    }
}
