package dev.yantra.bench;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.db.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yardstick our benchmarks print beside their own figures: {@code pgbench -N} (8 clients, 2 threads, scale 4)
 * in a scratch database on the same Postgres server, in the same run, so "x pgbench tps" compares like with like
 * on whatever machine it runs. Returns null when pgbench is not installed or fails (the reason goes to stderr).
 * When {@link CpuAccount} can see the server, the Postgres CPU the run took comes with it, so the benches can
 * compare the database work of one of their jobs or bets with one pgbench transaction.
 */
public final class Pgbench {
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern TRANSACTIONS = Pattern.compile("number of transactions actually processed: ([0-9]+)");

    /** One {@code pgbench -N} run: tps as pgbench printed it, its transaction count, Postgres CPU seconds (NaN: unknown). */
    public record Result(double tps, long transactions, double postgresCpuSeconds) {
        /** Postgres CPU milliseconds per pgbench transaction; NaN when unknown. */
        public double postgresCpuMsPerTransaction() {
            return transactions > 0 ? postgresCpuSeconds * 1000 / transactions : Double.NaN;
        }
    }

    private Pgbench() {
    }

    public static Result run(Database db, YantraEnv env, int seconds) throws SQLException, InterruptedException {
        String host;
        int port;
        String user;
        try (Connection c = db.dataSource().getConnection()) {
            String url = c.getMetaData().getURL();
            Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(url);
            if (!m.find()) return null;
            host = m.group(1);
            port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
            user = c.getMetaData().getUserName();
        }
        String password = env.databaseUrl().map(u -> DatabaseUrl.parse(u).password()).orElse("");
        String scratch = "yantra_pgbench_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        db.jdbc().sql("CREATE DATABASE " + scratch).update();
        try {
            List<String> base = List.of("-h", host, "-p", String.valueOf(port), "-U", user);
            if (exec(password, concat(List.of("pgbench", "-i", "-q", "-s", "4"), base, List.of(scratch))) == null) return null;
            Optional<CpuAccount> cpu = CpuAccount.locate(db);
            long processesBefore = cpu.map(CpuAccount::processes).orElse(0L);
            CpuAccount.Sample before = cpu.map(CpuAccount::sample).orElse(null);
            String out = exec(password, concat(List.of("pgbench", "-N", "-c", "8", "-j", "2", "-T", String.valueOf(seconds)), base, List.of(scratch)));
            if (cpu.isPresent()) cpu.get().awaitProcessesAtMost(processesBefore, Duration.ofSeconds(5));
            double postgresSeconds = cpu.map(a -> a.sample().minus(before).postgresSeconds()).orElse(Double.NaN);
            if (out == null) return null;
            Matcher tps = TPS.matcher(out);
            Matcher n = TRANSACTIONS.matcher(out);
            if (!tps.find()) return null;
            return new Result(Double.parseDouble(tps.group(1)), n.find() ? Long.parseLong(n.group(1)) : 0, postgresSeconds);
        } finally {
            db.jdbc().sql("DROP DATABASE IF EXISTS " + scratch).update();
        }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }

    private static String exec(String password, List<String> cmd) throws InterruptedException {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (password != null && !password.isEmpty()) pb.environment().put("PGPASSWORD", password);
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                System.err.println("yantra bench: " + String.join(" ", cmd.subList(0, 2)) + " failed: " + text.strip());
                return null;
            }
            return text;
        } catch (IOException e) {
            System.err.println("yantra bench: pgbench not available: " + e.getMessage());
            return null;
        }
    }
}
