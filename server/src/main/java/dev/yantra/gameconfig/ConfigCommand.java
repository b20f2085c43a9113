package dev.yantra.gameconfig;

import dev.yantra.cli.Table;
import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import dev.yantra.games.GameRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code yantra config show|set|history|revert}: an operator's game configuration, validated and audited. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Operator game configuration: show, set, history, revert.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Set.class, ConfigCommand.History.class, ConfigCommand.Revert.class})
public class ConfigCommand implements Runnable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static GameConfigStore store(Database db) {
        return new GameConfigStore(db.jdbc(), db.tx(), GameRegistry.standard());
    }

    static void print(GameConfigStore.Current c) {
        System.out.printf("operator %s  game %s  currency %s  enabled %s  version %d  (by %s at %s)%n",
                c.operatorId(), c.gameCode(), c.currency(), c.enabled(), c.version(), c.updatedBy(), c.updatedAt());
        c.config().forEach((k, v) -> System.out.printf("  %-20s %s%n", k, v));
        c.theoreticalRtp().forEach((sel, rtp) -> System.out.printf("  theoretical RTP %-14s %.6f%n", sel, rtp));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an operator's game configs.")
    static class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                List<GameConfigStore.Current> all = store(db).list(Cli.resolveOperator(db.jdbc(), operator));
                if (json) System.out.println(JSON.writeValueAsString(all));
                else if (all.isEmpty()) System.out.println("no game configs");
                else all.forEach(ConfigCommand::print);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set fields (KEY=VALUE ..., incl. enabled=false to quarantine). Validated by the game; one audit row per changed field; a running table applies it at its next round.")
    static class Set implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--game", required = true) String game;
        @Option(names = "--currency", required = true) String currency;
        @Option(names = "--confirm", description = "Apply a change that moves the theoretical RTP") boolean confirm;
        @Option(names = "--reason") String reason;
        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE") List<String> assignments;

        @Override
        public Integer call() {
            Map<String, String> changes = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq < 1) throw new IllegalArgumentException("expected KEY=VALUE, was '" + a + "'");
                changes.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
            }
            try (Database db = data.openDatabase()) {
                UUID op = Cli.resolveOperator(db.jdbc(), operator);
                GameConfigStore.Change change;
                try {
                    change = store(db).set(op, game, currency, changes, confirm, Cli.changedBy(), reason);
                } catch (GameConfigStore.RtpChangeNeedsConfirmation e) {
                    System.out.println("theoretical RTP now: " + e.before);
                    System.out.println("theoretical RTP after this change: " + e.after);
                    System.err.println("yantra config set: this change moves the RTP; re-run with --confirm to apply it");
                    return ExitCodes.USAGE;
                }
                if (change.rtpChanged()) System.out.println("new theoretical RTP: " + change.after().theoreticalRtp());
                print(change.after());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "The audit log of an operator's configs, newest first.")
    static class History implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--game") String game;
        @Option(names = "--limit", defaultValue = "50") int limit;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                List<GameConfigStore.AuditEntry> rows = store(db).history(Cli.resolveOperator(db.jdbc(), operator), game, Math.min(limit, 1000));
                if (json) {
                    System.out.println(JSON.writeValueAsString(rows));
                } else {
                    Table t = Table.of("ID", "AT", "GAME", "CUR", "FIELD", "OLD", "NEW", "BY").rightAligned("ID");
                    for (GameConfigStore.AuditEntry e : rows) {
                        t.row(e.id(), e.createdAt(), e.gameCode(), e.currency(), e.fieldName(), e.oldValue(), e.newValue(), e.changedBy());
                    }
                    t.print(System.out);
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revert", mixinStandardHelpOptions = true, description = "Restore the field changed by audit entry ID to its old value (audited).")
    static class Revert implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "AUDIT-ID") long auditId;
        @Option(names = "--confirm", description = "Apply a revert that moves the theoretical RTP") boolean confirm;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                GameConfigStore.Change change;
                try {
                    change = store(db).revert(auditId, confirm, Cli.changedBy());
                } catch (GameConfigStore.RtpChangeNeedsConfirmation e) {
                    System.out.println("theoretical RTP now: " + e.before + ", after the revert: " + e.after);
                    System.err.println("yantra config revert: this moves the RTP; re-run with --confirm");
                    return ExitCodes.USAGE;
                }
                print(change.after());
            }
            return ExitCodes.OK;
        }
    }
}
