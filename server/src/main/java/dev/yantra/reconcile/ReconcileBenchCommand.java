package dev.yantra.reconcile;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.EnvVars;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code yantra reconcile bench}: N synthetic wallet calls (COPY) for a throw-away operator, our export of them
 * as a transaction file, then the full reconcile of that file, timed, with the peak heap. Without
 * {@code --data-dir} or {@code DATABASE_URL} it uses a fresh embedded database in a temporary directory; the
 * synthetic rows are deleted afterwards. Run it as {@code YANTRA_JAVA_OPTS=-Xmx512m ./yantra reconcile bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: generate N wallet calls, export them, reconcile the export; prints rows, seconds, rows/s, peak heap.")
public class ReconcileBenchCommand implements Callable<Integer> {
    static final int MAX_ROWS = 50_000_000;
    private static final LocalDate DAY = LocalDate.parse("2020-02-29");

    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "Wallet calls to generate (default ${DEFAULT-VALUE})")
    int rows;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new UsageException("--rows must be between 1 and " + MAX_ROWS + ", was " + rows);
        }
        if (data.env().embedded() && EnvVars.DATA_DIR.raw(EnvVars.process()).isEmpty() && !hasDataDirFlag()) {
            data = withDataDir(Files.createTempDirectory("yantra-bench-"));
        }
        PrintWriter out = spec.commandLine().getOut();
        UUID operator = UUID.randomUUID();
        Path file = Files.createTempFile("yantra-bench-", ".csv");
        try (Database db = data.openDatabase()) {
            out.printf("database: %s, max heap %d MB%n", db.describe(), Runtime.getRuntime().maxMemory() >> 20);
            ReconcileService service = new ReconcileService(db.dataSource(), NodeClock.system(), ReconcileLimits.DEFAULTS);
            db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact) VALUES (?, ?, 'bench')")
                    .params(operator, "bench-" + operator).update();
            try {
                out.printf("%-22s %12s %9s %12s %14s%n", "phase", "rows", "seconds", "rows/s", "peak heap MB");
                Phase gen = Phase.start();
                generate(db, operator);
                db.jdbc().sql("ANALYZE wallet_calls").update();
                gen.print(out, "generate (COPY)", rows);
                Phase exp = Phase.start();
                long exported;
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    exported = service.exportTransactions(operator.toString(), DAY, w);
                }
                exp.print(out, "export transactions", exported);
                Phase rec = Phase.start();
                ReconciliationReport report;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    report = service.reconcile(in, operator.toString(), ReconcileService.Scope.ANY_OPERATOR, n -> { });
                }
                rec.print(out, "reconcile transactions", exported);
                out.println("result: " + report.outcome() + " (exit " + report.exitCode() + ")");
                return report.exitCode() == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            } finally {
                db.jdbc().sql("DELETE FROM wallet_calls WHERE operator_id = ?").param(operator).update();
                db.jdbc().sql("DELETE FROM operators WHERE id = ?").param(operator).update();
                Files.deleteIfExists(file);
            }
        }
    }

    private boolean hasDataDirFlag() {
        return spec.commandLine().getParseResult().hasMatchedOption("--data-dir");
    }

    private DataDirOption withDataDir(Path dir) {
        DataDirOption d = new DataDirOption();
        spec.commandLine().getErr().println("yantra reconcile bench: fresh embedded database in " + dir);
        try {
            var f = DataDirOption.class.getDeclaredField("dataDir");
            f.setAccessible(true);
            f.set(d, dir);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return d;
    }

    /** Random transactions over the day, one succeeded call each, plus a failed first attempt for 1 in 10. */
    private void generate(Database db, UUID operator) throws SQLException {
        SplittableRandom random = new SplittableRandom(7);
        long dayStartMs = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        try (Connection c = db.dataSource().getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY wallet_calls (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                       player_ref, latency_ms, succeeded, created_at) FROM STDIN""");
            StringBuilder sb = new StringBuilder(1 << 18);
            for (int i = 0; i < rows; i++) {
                UUID tx = new UUID(random.nextLong(), random.nextLong());
                String endpoint = random.nextInt(3) == 0 ? "WIN" : "BET";
                long amount = 1_000_000L * (1 + random.nextInt(500));
                Instant at = Instant.ofEpochMilli(dayStartMs + random.nextLong(86_400_000L));
                sb.append(UUID.randomUUID()).append('\t').append(operator).append('\t').append(endpoint).append('\t')
                        .append(UUID.randomUUID()).append('\t').append(tx).append('\t').append(amount)
                        .append("\tLKR\tp").append(i % 5000).append("\t20\tt\t").append(at).append('\n');
                if (sb.length() > 1 << 18) {
                    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(b, 0, b.length);
                    sb.setLength(0);
                }
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(b, 0, b.length);
            copy.endCopy();
        }
    }

    /** Wall time and peak heap of one phase (heap pools' peaks are reset at its start). */
    private record Phase(long startNanos) {
        static Phase start() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
            }
            return new Phase(System.nanoTime());
        }

        void print(PrintWriter out, String name, long rows) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
            }
            out.printf("%-22s %,12d %9.2f %,12.0f %14d%n", name, rows, seconds, rows / seconds, peak >> 20);
            out.flush();
        }
    }
}
