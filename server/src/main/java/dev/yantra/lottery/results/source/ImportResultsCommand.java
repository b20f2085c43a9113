package dev.yantra.lottery.results.source;

import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawStore;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.results.ResultStore;
import dev.yantra.lottery.results.ResultsConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra lottery result import --file F [--dry-run]}: one poll of a results file now, the same rules as the
 * configured source (entered as results-source, four-eyes kept, conflicts recorded, never overwritten). Prints
 * one line per line of the file. Exit 0 every line applied, unchanged or waiting for its draw to close; 1 some
 * line conflicts, is invalid or names no draw; 64 bad arguments (the file missing or unreadable).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Apply a results file (lotteryId,drawTime,first,second,third[,pick3]) now; a stored result is never overwritten.")
public final class ImportResultsCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--file", required = true, paramLabel = "FILE") Path file;
    @Option(names = "--dry-run", description = "Say what each line would do; enter, count and record nothing") boolean dryRun;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) throw new UsageException("--file " + file + " is not a readable file");
        String text;
        try {
            text = new ResultsSourceReader().read(file.toString());
        } catch (IOException e) {
            throw new UsageException("--file " + file + " cannot be read: " + e.getMessage());
        }
        try (Database db = data.openDatabase()) {
            ResultsImport importer = importer(db);
            ResultsImport.Report report = importer.apply(file.toAbsolutePath().normalize().toString(), text, dryRun);
            report.lines().forEach(l -> System.out.println(l.describe()));
            System.out.println((dryRun ? "dry run: " : "") + report.lines().size() + " line(s): "
                    + report.count(SourceOutcome.APPLIED) + " applied, " + report.count(SourceOutcome.UNCHANGED) + " unchanged, "
                    + report.count(SourceOutcome.CONFLICT) + " conflict, " + report.count(SourceOutcome.INVALID) + " invalid, "
                    + report.count(SourceOutcome.UNKNOWN_DRAW) + " unknown draw, " + report.count(SourceOutcome.DRAW_NOT_CLOSED) + " not closed");
            return report.needsAttention() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
        }
    }

    /** The import on the database directly (no node): counters go to a throw-away registry. */
    static ResultsImport importer(Database db) {
        Clock clock = NodeClock.system();
        DrawDirectory draws = new DrawDirectory(db.jdbc(), clock);
        var results = ResultsConfiguration.build(db, new ResultStore(db.jdbc()), draws, new DrawStore(db.jdbc()),
                new PlayerLedger(db.jdbc(), new AdminAudit(db.jdbc()), clock), clock);
        return new ResultsImport(db.jdbc(), results, draws, new LotteryCatalog(db.jdbc()), new SimpleMeterRegistry());
    }

    /** {@code yantra lottery result conflicts}: the source lines kept because they disagreed with a stored result (JSON). */
    @Command(name = "conflicts", mixinStandardHelpOptions = true,
            description = "List results-source lines that disagreed with a stored result and were not applied (JSON, newest first).")
    public static final class Conflicts implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--limit", defaultValue = "50", paramLabel = "N") int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1_000) throw new UsageException("--limit must be 1..1000, was " + limit);
            try (Database db = data.openDatabase()) {
                System.out.println(dev.yantra.api.Json.write(importer(db).conflicts(limit)));
                return ExitCodes.OK;
            }
        }
    }
}
