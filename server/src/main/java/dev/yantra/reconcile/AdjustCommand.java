package dev.yantra.reconcile;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.db.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code yantra reconcile adjust}: records a manual correction entry, audited as {@code cli:<os user>}. */
@Command(name = "adjust", mixinStandardHelpOptions = true,
        description = {"Record a manual correction entry: counted in ours for that operator, UTC day, currency and kind"
                + " from now on, and listed in every report it affects. Entries are never edited: undo one with the"
                + " opposite amount.", "Exit: 0 recorded, 1 no such operator, 64 bad arguments, 69 database unreachable."})
public class AdjustCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Option(names = "--operator", required = true, paramLabel = "ID", description = "Operator id")
    String operator;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The UTC day it corrects")
    LocalDate date;

    @Option(names = "--currency", required = true, paramLabel = "CCY", description = "Currency code, as in the files")
    String currency;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "BET, WIN or ROLLBACK")
    Kind kind;

    @Option(names = "--amount-micro", required = true, paramLabel = "N",
            description = "Signed amount in micro-units added to ours (not 0)")
    long amountMicro;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required; kept and audited)")
    String reason;

    @Option(names = "--json", description = "Print the entry as one JSON document")
    boolean json;

    @Override
    public Integer call() throws java.io.IOException {
        if (amountMicro == 0) {
            throw new dev.yantra.config.UsageException("--amount-micro must not be 0");
        }
        if (currency.isBlank() || currency.length() > 16) {
            throw new dev.yantra.config.UsageException("--currency must be 1 to 16 characters, was '" + currency + "'");
        }
        try (Database db = data.openDatabase()) {
            ReconcileService service = new ReconcileService(db.dataSource(), NodeClock.system(), ReconcileLimits.DEFAULTS);
            ManualAdjustment a = ReconcileCommand.internalErrorsAsSuch(() ->
                    service.adjust(operator, date, currency.strip(), kind, amountMicro, reason, ReconcileCommand.author()));
            if (json) {
                StringBuilder sb = new StringBuilder();
                new JsonWriter(sb).beginObject()
                        .name("id").value(a.id()).name("operatorId").value(a.operatorId())
                        .name("date").value(a.date().toString()).name("currency").value(a.currency())
                        .name("kind").value(a.kind().name()).name("amountMicro").value(Long.toString(a.amountMicro()))
                        .name("reason").value(a.reason()).name("createdBy").value(a.author())
                        .name("createdAt").value(a.createdAt().toString()).endObject();
                spec.commandLine().getOut().println(sb);
            } else {
                spec.commandLine().getOut().println("adjustment " + a.id() + " recorded for operator " + a.operatorId()
                        + ": " + Adjustments.describe(a) + ", by " + a.author());
            }
        }
        return ExitCodes.OK;
    }
}
