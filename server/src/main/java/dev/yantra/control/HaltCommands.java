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

/** {@code yantra halt bets|settlements} and {@code yantra resume ...}: the kill switches of the playbooks. */
public final class HaltCommands {
    private HaltCommands() {
    }

    static class Target {
        @Parameters(index = "0", paramLabel = "bets|settlements", description = "What to halt: new bets, or settlements (owed money stays queued)")
        String what;

        @Option(names = "--operator", paramLabel = "ID|NAME", description = "Only this operator (default: all)")
        String operator;

        @Option(names = "--game", paramLabel = "CODE", description = "Only this game (default: all)")
        String game;

        @Option(names = "--reason", description = "Why (kept in the audit log)")
        String reason;

        KillSwitch.Scope scope() {
            return switch (what.toLowerCase()) {
                case "bets" -> KillSwitch.Scope.BETS;
                case "settlements" -> KillSwitch.Scope.SETTLEMENTS;
                default -> throw new IllegalArgumentException("expected 'bets' or 'settlements', was '" + what + "'");
            };
        }

        UUID operatorId(Database db) {
            return operator == null ? null : Cli.resolveOperator(db.jdbc(), operator);
        }
    }

    @Command(name = "halt", mixinStandardHelpOptions = true,
            description = "Stop new bets or settlements, for all or one operator/game. Every node obeys within 1 s.")
    public static class Halt implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Mixin Target target;

        @Override
        public Integer call() {
            KillSwitch.Scope scope = target.scope();
            try (Database db = data.openDatabase()) {
                long id = new ControlStore(db.jdbc(), db.tx()).halt(scope, target.operatorId(db), target.game, target.reason, Cli.changedBy());
                System.out.println(target.what + " halted (halt #" + id + ")"
                        + (scope == KillSwitch.Scope.SETTLEMENTS ? "; owed money stays in pending_wallet_jobs until resume" : ""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Lift a halt made with the same scope, operator and game.")
    public static class Resume implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Mixin Target target;

        @Override
        public Integer call() {
            KillSwitch.Scope scope = target.scope();
            try (Database db = data.openDatabase()) {
                int n = new ControlStore(db.jdbc(), db.tx()).resume(scope, target.operatorId(db), target.game, target.reason, Cli.changedBy());
                if (n == 0) {
                    System.out.println("nothing to resume: no active halt of " + target.what + " with that scope");
                    return ExitCodes.CHECK_FAILED;
                }
                System.out.println(target.what + " resumed");
            }
            return ExitCodes.OK;
        }
    }
}
