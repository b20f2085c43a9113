package dev.yantra.control;

import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code yantra breaker force-open|force-closed|auto --operator X}: hold an operator's breaker, or let it decide. */
@Command(name = "breaker", mixinStandardHelpOptions = true,
        description = "Force an operator's circuit breaker open (wallet down: no bets, jobs wait) or closed, or back to automatic.")
public class BreakerCommand implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(index = "0", paramLabel = "force-open|force-closed|auto")
    String mode;

    @Option(names = "--operator", required = true, paramLabel = "ID|NAME")
    String operator;

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
        try (Database db = data.openDatabase()) {
            UUID op = Cli.resolveOperator(db.jdbc(), operator);
            new ControlStore(db.jdbc(), db.tx()).overrideBreaker(op, stored, reason, Cli.changedBy());
            System.out.println("breaker of operator " + op + ": " + (stored == null ? "AUTO" : stored) + " (every node within 1 s)");
        }
        return ExitCodes.OK;
    }
}
