package dev.yantra.bench;

import dev.yantra.db.Database;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Where a benchmark's CPU went: seconds used by the Postgres server (every one of its processes, including
 * backends that exited meanwhile, which the kernel adds to the postmaster's reaped-children time) and by this JVM.
 * The benches print CPU per job or bet beside CPU per {@code pgbench -N} transaction, so a reader can tell the
 * database's share of the work from the HTTP stacks' share on a machine where all of it runs on the same cores.
 * Works only when Postgres runs on this host and its /proc entries are readable (embedded, or a local server);
 * {@link #locate} says empty otherwise and the benches print "n/a".
 */
public final class CpuAccount {
    /** USER_HZ, the unit of /proc/[pid]/stat times; 100 on every Linux we know of (the kernel ABI fixes it). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long postmasterPid;

    private CpuAccount(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** CPU seconds so far: the Postgres server's and this JVM's, at one moment. */
    public record Sample(double postgresSeconds, double jvmSeconds) {
        public Sample minus(Sample earlier) {
            return new Sample(postgresSeconds - earlier.postgresSeconds, jvmSeconds - earlier.jvmSeconds);
        }
    }

    /** Finds the postmaster behind {@code db}: the parent of our own backend, if that process is a local postgres. */
    public static Optional<CpuAccount> locate(Database db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            // a remote server's backend pid may match some unrelated local process: insist on a postgres one
            if (!isPostgres(backend)) return Optional.empty();
            long parent = statFields(backend)[1];
            return isPostgres(parent) ? Optional.of(new CpuAccount(parent)) : Optional.empty();
        } catch (SQLException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits (at most {@code max}) until the server has no more processes than {@code count}: exited backends are
     * counted only once the postmaster has reaped them, so a sample taken right after clients disconnect can miss them.
     */
    public void awaitProcessesAtMost(long count, java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (processes() > count && System.nanoTime() < deadline) Thread.sleep(20);
    }

    public long processes() {
        return ProcessHandle.of(postmasterPid).map(p -> p.children().count()).orElse(0L);
    }

    public Sample sample() {
        return new Sample(postgresSeconds(), jvmSeconds());
    }

    private double postgresSeconds() {
        try {
            long[] pm = statFields(postmasterPid);
            long ticks = pm[11] + pm[12] + pm[13] + pm[14];
            for (ProcessHandle child : ProcessHandle.of(postmasterPid).map(p -> p.children().toList()).orElse(java.util.List.of())) {
                try {
                    long[] f = statFields(child.pid());
                    ticks += f[11] + f[12];
                } catch (IOException gone) {
                    // exited between the listing and the read: its time is in the postmaster's reaped-children total
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds (user + system) process {@code pid} has used so far, from /proc/[pid]/stat: how the benches
     * account a node, a demo wallet or a load generator they started as a process of its own. NaN when it is gone.
     */
    public static double processCpuSeconds(long pid) {
        try {
            long[] f = statFields(pid);
            return (f[11] + f[12]) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds the JIT compiler threads of JVM {@code pid} have used so far (part of {@link #processCpuSeconds}),
     * from /proc/[pid]/task/*: how the bench tells a node still compiling from one that has settled. NaN when
     * unreadable.
     */
    public static double compilerCpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                try {
                    // HotSpot names them "C1 CompilerThreadN" and "C2 CompilerThreadN" (comm keeps 15 characters)
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) continue;
                    long[] f = statFields(task.resolve("stat"));
                    ticks += f[11] + f[12];
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read (compiler threads come and go)
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static double jvmSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static boolean isPostgres(long pid) throws IOException {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        return Files.isReadable(comm) && Files.readString(comm).strip().startsWith("postgres");
    }

    /**
     * The numeric fields of /proc/[pid]/stat after the command name, so index 0 is field 3 (state, read as 0),
     * 1 is ppid, 11/12 are utime/stime and 13/14 the reaped children's cutime/cstime (proc(5)).
     */
    private static long[] statFields(long pid) throws IOException {
        return statFields(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The same for any stat file of that format: a process's, or one of its threads' (/proc/[pid]/task/[tid]/stat). */
    private static long[] statFields(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // the command name is in parentheses and may itself hold spaces or parentheses: cut at the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long[] out = new long[15];
        for (int i = 1; i < out.length; i++) out[i] = Long.parseLong(f[i]);
        return out;
    }
}
