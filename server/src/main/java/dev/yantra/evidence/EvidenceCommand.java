package dev.yantra.evidence;

import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra evidence export --since T --until T --output-dir DIR} and {@code yantra evidence verify --dir DIR}.
 * Exit codes: export 0 written, 64 bad usage (bad time, empty window, directory not empty), 69 database down,
 * 70 could not write; verify 0 intact, 1 a file changed, missing or added, 64 no manifest there.
 */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Tamper-evident evidence exports for an investigation (files + SHA-256 manifest).",
        subcommands = {EvidenceCommand.Export.class, EvidenceCommand.Verify.class})
public class EvidenceCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** An ISO-8601 instant (2026-12-01T21:00:00Z) or a date, meaning its midnight UTC. */
    static Instant time(String name, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new UsageException(name + " must be an ISO-8601 instant such as 2026-12-01T21:00:00Z or a date such as 2026-12-01, was '"
                        + text + "'");
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export the rows of [--since, --until) an investigator needs: admin audit log, credential events (never "
                    + "secrets), refused signatures and webhooks, webhook events, banca calls, plays, player ledger, bancas.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "64:bad arguments, or the output directory is not empty", "69:the database is unavailable",
                    "70:the files could not be written"})
    static class Export implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--since", required = true, paramLabel = "T", description = "Start, inclusive (instant or UTC date)") String since;
        @Option(names = "--until", required = true, paramLabel = "T", description = "End, exclusive (instant or UTC date)") String until;
        @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "A new or empty directory") Path dir;

        @Override
        public Integer call() {
            Instant from = time("--since", since);
            Instant to = time("--until", until);
            if (!from.isBefore(to)) throw new UsageException("--since must be before --until");
            try (Database db = data.openDatabase()) {
                EvidenceExport.Result r;
                try {
                    r = new EvidenceExport(db.dataSource()).export(from, to, dir, AdminAudit.cliUser());
                } catch (java.io.UncheckedIOException e) {
                    System.err.println("yantra evidence export: " + e.getMessage() + ": " + e.getCause().getMessage());
                    return ExitCodes.INTERNAL;
                }
                for (EvidenceExport.FileEntry f : r.files()) {
                    System.out.printf("%-34s %8d row(s)  %s%n", f.file(), f.rows(), f.sha256());
                }
                System.out.println("written to " + r.dir().toAbsolutePath());
                System.out.println("manifest " + EvidenceExport.MANIFEST + " sha256 " + r.manifestSha256());
                System.out.println("record this digest outside the export (e.g. in the incident ticket); check a copy with "
                        + "'yantra evidence verify --dir DIR' or 'sha256sum -c " + EvidenceExport.MANIFEST + "'");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check an export against its manifest.")
    static class Verify implements Callable<Integer> {
        @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;

        @Override
        public Integer call() {
            EvidenceVerify.Report r = EvidenceVerify.verify(dir);
            System.out.println("manifest " + EvidenceExport.MANIFEST + " sha256 " + r.manifestSha256());
            if (r.intact()) {
                System.out.println("intact: every file matches the manifest");
                return ExitCodes.OK;
            }
            r.problems().forEach(p -> System.out.println("CHANGED " + p));
            return ExitCodes.CHECK_FAILED;
        }
    }
}
