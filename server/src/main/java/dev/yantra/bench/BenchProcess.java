package dev.yantra.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM a benchmark starts beside itself: {@code java} of this JVM with this JVM's classpath and the main class
 * {@code dev.yantra.Yantra}, so the node, the demo wallet and the load generator each have a process, a heap and a
 * CPU account of their own. Its stderr (and its stdout unless the caller talks to it over stdin/stdout) goes to
 * {@code <name>.log} in the run's out dir, which the bench keeps.
 */
final class BenchProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    final String name;
    private final Process process;
    private final Path log;

    private BenchProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param piped true: stdin and stdout stay connected to this JVM (a request/answer channel); false: stdout goes
     *              to the log too
     */
    static BenchProcess start(String name, List<String> jvmOptions, List<String> args, Map<String, String> env, Path outDir,
                              boolean piped) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.yantra.Yantra");
        cmd.addAll(args);
        Path log = outDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (piped) pb.redirectError(log.toFile());
        else pb.redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new BenchProcess(name, pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    /** CPU seconds (user + system) this process has used so far, from /proc/[pid]/stat; NaN once it is gone. */
    double cpuSeconds() {
        return CpuAccount.processCpuSeconds(process.pid());
    }

    /** Waits until {@code url} answers 200; fails early, naming the log, if the process exits first. */
    void awaitHttp200(String url, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (status " + process.exitValue() + ") while starting; see " + log);
            }
            try {
                int status = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not answer 200 at " + url + " within " + within + "; see " + log);
    }

    /** SIGTERM (a node drains and stops cleanly), then SIGKILL if it is still there after {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) stop(Duration.ofSeconds(30));
    }
}
