package dev.yantra.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real node: {@code java} with this process's own classpath running {@code yantra serve}, on its own port,
 * its output in its own log file. Restartable: every start is a new process on a new port (a load balancer would
 * follow it; {@link ChaosBettors} asks for the current port on each bet).
 */
final class ChaosNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    final int index;
    private final Map<String, String> env;
    private final Path logDir;
    private volatile Process process;
    private volatile int port;
    private int starts;

    ChaosNode(int index, Map<String, String> env, Path logDir) {
        this.index = index;
        this.env = Map.copyOf(env);
        this.logDir = logDir;
    }

    String name() {
        return "node-" + index;
    }

    synchronized ChaosNode start() {
        return start(Map.of());
    }

    /** Starts a new process; {@code extraEnv} (e.g. a clock offset) applies to this start only. */
    synchronized ChaosNode start(Map<String, String> extraEnv) {
        port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.yantra.Yantra", "serve"));
        Path log = logDir.resolve(name() + "-" + (++starts) + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extraEnv);
        e.put("PORT", String.valueOf(port));
        e.put("YANTRA_DATA_DIR", logDir.resolve(name() + "-data").toString());
        e.put("PUBLIC_BASE_URL", "http://localhost:" + port);
        pb.environment().putAll(e);
        try {
            process = pb.start();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot start " + name() + ": " + ex.getMessage(), ex);
        }
        return this;
    }

    int port() {
        return port;
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The fragment of this process's node id (host-pid-suffix) that names it in lease_owner and locked_by. */
    String ownerFragment() {
        return "-" + pid() + "-";
    }

    void kill9() throws InterruptedException {
        Process p = process;
        if (p == null) return;
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException(name() + " survived SIGKILL");
    }

    /** SIGTERM, then waits up to {@code within} for the drain to end (SIGKILL after that). */
    void sigterm(Duration within) throws InterruptedException {
        signalTerm();
        if (!waitForExit(within)) kill9();
    }

    /** SIGTERM, returning at once: the node drains on its own ({@link #waitForExit} to time it). */
    void signalTerm() {
        Process p = process;
        if (p != null) p.destroy();
    }

    /** Whether the process ended within {@code within}. */
    boolean waitForExit(Duration within) throws InterruptedException {
        Process p = process;
        return p == null || p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGSTOP (freeze) or SIGCONT (thaw) through kill(1): the JDK sends only TERM and KILL. */
    void signal(String name) throws IOException, InterruptedException {
        long pid = pid();
        if (pid < 0) return;
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
        k.waitFor(5, TimeUnit.SECONDS);
    }

    /** The HTTP status of /readyz, or -1 when nothing answers. */
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

    /** This node's /metrics text, or "" when it does not answer. */
    String metrics() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    void awaitReady(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) throw new IllegalStateException(name() + " exited while starting; see " + logDir);
            if (readyz() == 200) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException(name() + " not ready within " + within + "; see " + logDir);
    }

    @Override
    public void close() {
        Process p = process;
        if (p == null || !p.isAlive()) return;
        try {
            signal("CONT");   // a frozen node cannot drain
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
