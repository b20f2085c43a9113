package dev.yantra.control;

import dev.yantra.breaker.CounterpartyKind;
import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yantra breaker force-open|force-closed|auto --operator X | --banca Y}: hold a counterparty's breaker, or
 * let it decide. Stored centrally (breaker_overrides / banca_breaker_overrides, audited); every node applies it
 * within a second.
 */
@Command(name = "breaker", mixinStandardHelpOptions = true,
        description = "Force an operator's or a banca's circuit breaker open (counterparty down: nothing is sent to it, "
                + "its jobs wait) or closed, or back to automatic.")
public class BreakerCommand implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(index = "0", paramLabel = "force-open|force-closed|auto")
    String mode;

    @Option(names = "--operator", paramLabel = "ID|NAME", description = "An operator's wallet breaker")
    String operator;

    @Option(names = "--banca", paramLabel = "ID|NAME", description = "A banca's breaker")
    String banca;

    @Option(names = "--reason")
    String reason;

    @Override
    public Integer call() {
        String stored = switch (mode) {
            case "force-open" -> "FORCED_OPEN";
            case "force-closed" -> "FORCED_CLOSED";
            case "auto" -> null;
            default -> throw new IllegalArgumentException("expected force-open, force-closed or auto, was '" + mode + "'");
        };
        if ((operator == null) == (banca == null)) throw new UsageException("name exactly one of --operator and --banca");
        try (Database db = data.openDatabase()) {
            CounterpartyKind kind = operator != null ? CounterpartyKind.OPERATOR : CounterpartyKind.BANCA;
            UUID id = operator != null ? Cli.resolveOperator(db.jdbc(), operator) : Cli.resolveBanca(db.jdbc(), banca);
            new ControlStore(db.jdbc(), db.tx()).overrideBreaker(kind, id, stored, reason, Cli.changedBy());
            System.out.println("breaker of " + kind.label() + " " + id + ": " + (stored == null ? "AUTO" : stored) + " (every node within 1 s)");
        }
        return ExitCodes.OK;
    }
}
