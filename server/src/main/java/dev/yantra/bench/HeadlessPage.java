package dev.yantra.bench;

import dev.yantra.api.Json;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The machine's headless Chromium (Debian's package) opened on one tab and driven over the DevTools protocol with
 * the JDK's WebSocket: navigate and evaluate, what {@code yantra bench page} needs to time a page as a browser
 * renders it. No driver, no browser download. (The test suite has its own, richer one.)
 */
final class HeadlessPage implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://[^:/]+:(\\d+)/");
    private final Process process;
    private final Path dir;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    static Optional<Path> find() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : dev.yantra.config.EnvVars.process().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static HeadlessPage launch(Path binary) throws Exception {
        Path dir = Files.createTempDirectory("yantra-bench-chromium");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + dir.resolve("profile"), "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) return new HeadlessPage(p, dir, Integer.parseInt(m.group(1)));
            if (!p.isAlive()) throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + Files.readString(log));
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not open its DevTools port within 30 s");
    }

    private HeadlessPage(Process process, Path dir, int port) throws Exception {
        this.process = process;
        this.dir = dir;
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        URI page = null;
        for (JsonNode t : Json.parse(list.body())) {
            if ("page".equals(t.path("type").asString())) page = URI.create(t.get("webSocketDebuggerUrl").asString());
        }
        if (page == null) throw new IllegalStateException("no page target: " + list.body());
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Listener()).get(10, TimeUnit.SECONDS);
    }

    synchronized JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ws.sendText(Json.MAPPER.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(5, TimeUnit.SECONDS);
        JsonNode reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) throw new IllegalStateException(method + " failed: " + reply.get("error"));
        return reply.path("result");
    }

    void navigate(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
    }

    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    @Override
    public void close() {
        ws.abort();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try (var files = Files.walk(dir)) {
            process.waitFor(5, TimeUnit.SECONDS);
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (Exception ignored) {
            // a leftover temp profile is harmless
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode msg = Json.parse(partial.toString());
                partial.setLength(0);
                if (msg.has("id")) {
                    CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                    if (f != null) f.complete(msg);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
