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
 * {@code yantra evidence export --since T [--until T] --out DIR|--output-dir DIR} and
 * {@code yantra evidence verify --file TARBALL|--dir DIR}. Exit codes: export 0 written, 64 bad usage (bad time,
 * empty window, directory not empty), 69 database down, 70 could not write; verify 0 intact, 1 a file changed,
 * missing or added, the signature or an audit-chain link does not verify, 64 no manifest there.
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
                throw new UsageException(name + " must be an ISO-8601 instant such as 2026-12-01T21:00:00Z, a date such as 2026-12-01"
                        + " or an age such as 24h, 90m or 7d, was '" + text + "'");
            }
        }
    }

    /** As {@link #time}, or an age before {@code now}: 90m, 24h, 7d. */
    static Instant timeOrAge(String name, String text, Instant now) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([mhd])").matcher(text.trim());
        if (!m.matches()) return time(name, text);
        long n = Long.parseLong(m.group(1));
        java.time.Duration age = switch (m.group(2)) {
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
        return now.minus(age);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export what an investigator needs for [--since, --until). With --out: one signed tarball (database rows, "
                    + "audit-chain segments, LOG_DIR logs, a pg_dump when a matching one exists, a metrics snapshot). With --output-dir: "
                    + "the database rows alone, as CSV files in a directory.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "64:bad arguments, or the output directory is not empty", "69:the database is unavailable",
                    "70:the files could not be written"})
    static class Export implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--since", required = true, paramLabel = "T", description = "Start, inclusive: an instant, a UTC date, or an age (24h, 90m, 7d)") String since;
        @Option(names = "--until", paramLabel = "T", description = "End, exclusive (instant or UTC date; default now)") String until;
        @Option(names = "--out", paramLabel = "DIR", description = "Write one signed tarball yantra-evidence-<time>.tar.gz into DIR") Path out;
        @Option(names = "--output-dir", paramLabel = "DIR", description = "Write the database rows as CSV into this new or empty directory") Path dir;
        @Option(names = "--metrics-url", paramLabel = "URL", description = "Where to take the metrics snapshot from (default http://127.0.0.1:$PORT/metrics)") String metricsUrl;

        @Override
        public Integer call() {
            Instant now = dev.yantra.config.NodeClock.system().instant();
            Instant from = timeOrAge("--since", since, now);
            Instant to = until == null ? now : time("--until", until);
            if (!from.isBefore(to)) throw new UsageException("--since must be before --until");
            if ((out == null) == (dir == null)) throw new UsageException("give exactly one of --out DIR (a signed tarball) or --output-dir DIR (CSV files)");
            try (Database db = data.openDatabase()) {
                try {
                    return out != null ? bundle(db, from, to) : directory(db, from, to);
                } catch (java.io.UncheckedIOException e) {
                    System.err.println("yantra evidence export: " + e.getMessage() + ": " + e.getCause().getMessage());
                    return ExitCodes.INTERNAL;
                }
            }
        }

        private int bundle(Database db, Instant from, Instant to) {
            dev.yantra.config.YantraEnv env = data.env();
            String logDir = dev.yantra.config.EnvVars.LOG_DIR.read(dev.yantra.config.EnvVars.process()).orElse(null);
            String jdbcUrl = env.databaseUrl().orElseGet(() -> db.jdbc().sql(
                    "SELECT 'jdbc:postgresql://localhost:' || current_setting('port') || '/' || current_database() || '?user=' || current_user")
                    .query(String.class).single());
            EvidenceBundle.Sources sources = new EvidenceBundle.Sources(
                    logDir == null || logDir.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(logDir.trim())),
                    metricsUrl != null ? metricsUrl : "http://127.0.0.1:" + env.port() + "/metrics", jdbcUrl);
            EvidenceBundle.Written w = new EvidenceBundle(db.dataSource(), dev.yantra.config.MasterKey.ring(env))
                    .export(from, to, out, sources, AdminAudit.cliUser());
            System.out.println("window  " + from + " .. " + to);
            w.parts().forEach((part, what) -> System.out.println(String.format("%-8s", part) + dev.yantra.api.Json.write(what)));
            System.out.println("written " + w.tarball().toAbsolutePath());
            System.out.println("tarball sha256 " + w.tarballSha256());
            System.out.println("manifest " + EvidenceExport.MANIFEST + " sha256 " + w.manifestSha256() + " (signed in " + EvidenceBundle.SIGNATURE + ")");
            System.out.println("record the tarball's digest outside the export (e.g. in the incident ticket); check it with "
                    + "'yantra evidence verify --file " + w.tarball().getFileName() + "'");
            return ExitCodes.OK;
        }

        private int directory(Database db, Instant from, Instant to) {
            EvidenceExport.Result r = new EvidenceExport(db.dataSource()).export(from, to, dir, AdminAudit.cliUser());
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

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an export: a tarball (--file: files, signature, audit chain) or a CSV directory (--dir: files).")
    static class Verify implements Callable<Integer> {
        @Option(names = "--dir", paramLabel = "DIR", description = "A directory written by --output-dir") Path dir;
        @Option(names = "--file", paramLabel = "FILE", description = "A tarball written by --out (needs YANTRA_MASTER_KEY for the signature)") Path file;
        @Mixin DataDirOption data;

        @Override
        public Integer call() {
            if ((file == null) == (dir == null)) throw new UsageException("give exactly one of --file TARBALL or --dir DIR");
            if (file != null) {
                BundleVerify.Report r = BundleVerify.verify(file, dev.yantra.config.MasterKey.ring(data.env()));
                if (r.manifestSha256() != null) System.out.println("manifest " + EvidenceExport.MANIFEST + " sha256 " + r.manifestSha256());
                if (r.intact()) {
                    System.out.println("intact: every file matches the manifest, the manifest's signature verifies, the audit chain links");
                    return ExitCodes.OK;
                }
                r.problems().forEach(p -> System.out.println("CHANGED " + p));
                return ExitCodes.CHECK_FAILED;
            }
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
