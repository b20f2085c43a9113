package dev.yantra.ops.incident;

import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.control.IncidentBanners;
import dev.yantra.db.Database;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code yantra incident post|clear}: the incident banner players see on /play and the operator API serves. */
@Command(name = "incident", mixinStandardHelpOptions = true, description = "Incident communication: the banner on /play.",
        subcommands = {IncidentCommand.Post.class, IncidentCommand.Clear.class, IncidentCommand.Report.class})
public class IncidentCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "post", mixinStandardHelpOptions = true, description = "Post (or replace) an operator's banner.")
    static class Post implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--message", required = true) String message;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                UUID op = Cli.resolveOperator(db.jdbc(), operator);
                IncidentBanners.Banner b = new IncidentBanners(db.jdbc()).post(op, message, Cli.changedBy());
                System.out.println("banner #" + b.id() + " posted for operator " + op);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove an operator's banner.")
    static class Clear implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                UUID op = Cli.resolveOperator(db.jdbc(), operator);
                boolean cleared = new IncidentBanners(db.jdbc()).clear(op, Cli.changedBy());
                System.out.println(cleared ? "banner cleared" : "no active banner");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Draft the post-mortem (playbook §11) for an operator and window, pre-filled from data (markdown on stdout).")
    static class Report implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--from", required = true, paramLabel = "ISO-8601") java.time.Instant from;
        @Option(names = "--to", paramLabel = "ISO-8601", description = "Default: now") java.time.Instant to;
        @Option(names = "--out", paramLabel = "FILE") java.nio.file.Path out;

        @Override
        public Integer call() throws java.io.IOException {
            java.time.Instant end = to == null ? NodeClock.system().instant() : to;
            if (!end.isAfter(from)) throw new IllegalArgumentException("--to must be after --from");
            try (Database db = data.openDatabase()) {
                String md = new IncidentReport(db.jdbc()).markdown(Cli.resolveOperator(db.jdbc(), operator), from, end);
                if (out == null) System.out.print(md); else java.nio.file.Files.writeString(out, md);
            }
            return ExitCodes.OK;
        }
    }
}
