package dev.yantra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PgBouncer (Debian's package, which scripts/test installs) in transaction mode in front of the test
 * Postgres: every transaction may run on a different server connection, so anything session-level (advisory
 * locks, SET, LISTEN, named prepared statements, temp tables across transactions) breaks behind it.
 */
public final class PgBouncer implements AutoCloseable {
    private static final Pattern HOST_PORT = Pattern.compile("//(localhost|127\\.0\\.0\\.1):(\\d+)/");

    private final Process process;
    private final int port;
    private final Path dir;

    private PgBouncer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts one in transaction mode in front of the server that {@code jdbcUrl} (a TestPostgres URL) points at. */
    public static PgBouncer inTransactionModeInFrontOf(String jdbcUrl) throws Exception {
        Matcher m = HOST_PORT.matcher(jdbcUrl);
        if (!m.find()) throw new IllegalArgumentException("not a local Postgres URL: " + jdbcUrl);
        String binary = find();
        int port = TestServer.freePort();
        Path dir = Files.createTempDirectory("pgbouncer");
        // it refuses to run as root and then drops to -u's user, which must read its files
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("users.txt"), "\"postgres\" \"\"\n");
        Files.writeString(dir.resolve("pgbouncer.ini"), """
                [databases]
                * = host=127.0.0.1 port=%s
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = trust
                auth_file = %s
                admin_users = postgres
                pool_mode = transaction
                max_client_conn = 400
                default_pool_size = 10
                stats_period = 1
                ignore_startup_parameters = extra_float_digits
                """.formatted(m.group(2), port, dir.resolve("users.txt")));
        for (String f : List.of("users.txt", "pgbouncer.ini")) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> cmd = new ArrayList<>(List.of(binary));
        if ("root".equals(System.getProperty("user.name"))) cmd.addAll(List.of("-u", "nobody"));
        cmd.add(dir.resolve("pgbouncer.ini").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("pgbouncer.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("pgbouncer exited: " + Files.readString(dir.resolve("pgbouncer.log")));
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new PgBouncer(p, port, dir);
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("pgbouncer did not listen on " + port + " within 10 s");
    }

    private static String find() {
        for (String candidate : List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        throw new IllegalStateException("pgbouncer is not installed (scripts/test installs Debian's package)");
    }

    /**
     * The same database reached through the bouncer. {@code prepareThreshold=0}: PgBouncer before 1.21 cannot
     * carry named prepared statements across server connections (docs/ARCHITECTURE.md says so for operators).
     */
    public String route(String jdbcUrl) {
        String through = HOST_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + port + "/");
        return through + (through.contains("?") ? "&" : "?") + "prepareThreshold=0";
    }

    /** Transactions the bouncer carried for {@code database} so far (its own counter, SHOW STATS). */
    public long transactions(String database) throws Exception {
        // SHOW STATS columns: database, total_xact_count, ...
        for (String line : console("SHOW STATS")) {
            String[] f = line.split("\\|");
            if (f.length > 1 && f[0].equals(database)) return Long.parseLong(f[1]);
        }
        return 0;
    }

    /** Client connections it holds for {@code database} right now (SHOW CLIENTS). */
    public int clients(String database) throws Exception {
        // SHOW CLIENTS columns: type, user, database, ...
        return (int) console("SHOW CLIENTS").stream().map(l -> l.split("\\|")).filter(f -> f.length > 2 && f[2].equals(database)).count();
    }

    /**
     * One command on its admin console, through psql: the console speaks only the simple protocol and refuses the
     * session settings pgjdbc sends ("SET failed"). psql ships in the same Debian package as pgbench.
     */
    private List<String> console(String command) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-At", "-c", command, "pgbouncer")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("psql " + command + ": " + out);
        return out.lines().toList();
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("pgbouncer.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
