package dev.yantra.testing;

import dev.yantra.app.YantraCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as an operator runs it from a shell. {@link #run}: {@code yantra <args> --database-url <url>} in this
 * JVM (same picocli tree, exit code, stdout/stderr; it swaps System.out/err while the command runs).
 * {@link #inProcess}: the same, with a given environment and stdin, as a shell would hand them to the command.
 * {@link #process}: a separate JVM, where the process boundary is what a test proves (the launcher's exit status, a
 * real stdin); a JVM start costs seconds of CPU on a loaded machine, so the rest runs in-process.
 */
public final class Yantra {
    public record Run(int exit, String out, String err) {
    }

    private static final java.time.Duration PROCESS_LIMIT = java.time.Duration.ofMinutes(3);

    private Yantra() {
    }

    /**
     * Runs {@code yantra <args>} as a separate process (this test JVM's classpath) with exactly {@code env} as
     * its YANTRA_* / DATABASE_URL environment: for what depends on the environment, such as YANTRA_MASTER_KEY.
     */
    public static Run process(Map<String, String> env, String... args) {
        return processWithStdin(env, null, args);
    }

    /** As {@link #process}, with {@code stdin} (null: none) as the command's standard input: how a secret is handed over. */
    public static Run processWithStdin(Map<String, String> env, String stdin, String... args) {
        try {
            Path dir = Files.createTempDirectory("yantra-cli");
            // a one-shot command: the C1 compiler and the serial collector start it with a third less CPU
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.yantra.Yantra"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
            pb.environment().keySet().removeIf(Yantra::shellSetsIt);
            pb.environment().putAll(env);
            if (stdin != null) {
                Files.writeString(dir.resolve("in"), stdin);
                pb.redirectInput(dir.resolve("in").toFile());
            }
            long started = System.nanoTime();
            Process p = pb.start();
            // a hang guard only: a JVM start that takes a few seconds of CPU takes a minute on a machine many times oversubscribed
            if (!p.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("yantra " + String.join(" ", args) + " did not finish within " + PROCESS_LIMIT);
            }
            took("process", args, started);
            return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The variables a test's shell sets for a command (the rest of this JVM's environment is passed on). */
    private static boolean shellSetsIt(String name) {
        return name.startsWith("YANTRA_") || name.equals("DATABASE_URL") || name.startsWith("BREAKER_");
    }

    public static synchronized Run run(String databaseUrl, String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--database-url";
        full[args.length + 1] = databaseUrl;
        return execute(full);
    }

    /**
     * As {@link #processWithStdin}, in this JVM: {@code yantra <args>} with exactly {@code env} as its YANTRA_* /
     * DATABASE_URL / BREAKER_* environment (the rest of this JVM's passed on) and {@code stdin} (null: an empty one)
     * as System.in while it runs.
     */
    public static synchronized Run inProcess(Map<String, String> env, String stdin, String... args) {
        Map<String, String> shell = new java.util.HashMap<>(System.getenv());
        shell.keySet().removeIf(Yantra::shellSetsIt);
        shell.putAll(env);
        java.io.InputStream oldIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        long started = System.nanoTime();
        try {
            return dev.yantra.config.EnvVars.withEnvironment(shell, () -> execute(args));
        } finally {
            System.setIn(oldIn);
            took("in-process", args, started);
        }
    }

    /** One line on stderr per command, so a slow CLI test shows where its time went. */
    private static void took(String how, String[] args, long startedNanos) {
        System.err.printf("[yantra-cli] %s %s: %d ms%n", how, String.join(" ", args).replaceAll("--secret \\S+", "--secret ***"),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private static Run execute(String[] full) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            var cmd = YantraCommand.commandLine();
            cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cmd.execute(full);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
