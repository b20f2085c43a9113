package dev.yantra.chaos;

import dev.yantra.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real `yantra serve` JVM (the test classpath, main class dev.yantra.Yantra) on a shared external database.
 * Restartable: every start is a new process on a new port, its output in its own log file under {@code logDir}.
 */
final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    final String name;
    private final Map<String, String> env;
    private final Path logDir;
    private volatile Process process;
    private volatile int port;
    private int starts;

    NodeProcess(String name, Map<String, String> env, Path logDir) {
        this.name = name;
        this.env = Map.copyOf(env);
        this.logDir = logDir;
    }

    synchronized NodeProcess start() {
        port = TestServer.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.yantra.Yantra", "serve"));
        Path log = logDir.resolve(name + "-" + (++starts) + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = new HashMap<>(env);
        e.put("PORT", String.valueOf(port));
        e.putIfAbsent("YANTRA_DATA_DIR", logDir.resolve(name + "-data").toString());
        e.putIfAbsent("PUBLIC_BASE_URL", "http://localhost:" + port);
        pb.environment().putAll(e);
        try {
            process = pb.start();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot start " + name, ex);
        }
        return this;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The fragment of this process's NodeId (host-pid-suffix) that names it in lease_owner and locked_by. */
    String ownerFragment() {
        return "-" + pid() + "-";
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill9() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError(name + " survived SIGKILL");
    }

    /** SIGTERM; returns at once. */
    void sigterm() {
        process.destroy();
    }

    boolean waitForExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The HTTP status of /readyz, or -1 when nothing listens (connection refused or reset). */
    int readyz() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    boolean ready() {
        return alive() && readyz() == 200;
    }

    void awaitReady(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) throw new AssertionError(name + " exited while starting; see " + logDir);
            if (readyz() == 200) return;
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not ready within " + within + "; see " + logDir);
    }

    @Override
    public void close() {
        Process p = process;
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    static Path newLogDir(String test) {
        try {
            return Files.createTempDirectory("yantra-chaos-" + test);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
