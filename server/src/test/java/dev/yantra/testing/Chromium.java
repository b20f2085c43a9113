package dev.yantra.testing;

import dev.yantra.api.Json;
import java.io.File;
import java.io.IOException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Headless Chromium (the Debian package) driven over the DevTools protocol with the JDK's own WebSocket: enough
 * to open a page, read its DOM, type and click like a user. No driver, no browser download.
 */
public final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://[^:/]+:(\\d+)/");

    private final Process process;
    private final Path dir;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    /** The chromium binary on PATH, if the package is installed. */
    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Chromium launch(Path binary) throws Exception {
        Path dir = Files.createTempDirectory("yantra-chromium");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--lang=en-US", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + dir.resolve("profile"), "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = awaitDevToolsPort(p, log);
            return new Chromium(p, dir, pageSocket(port));
        } catch (Exception | AssertionError e) {
            kill(p);
            throw e;
        }
    }

    private Chromium(Process process, Path dir, URI pageSocket) throws Exception {
        this.process = process;
        this.dir = dir;
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(pageSocket, new Listener()).get(10, TimeUnit.SECONDS);
        send("Runtime.enable", Map.of());
        send("Page.enable", Map.of());
    }

    private static int awaitDevToolsPort(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(text);
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!p.isAlive()) throw new AssertionError("chromium exited with " + p.exitValue() + ":\n" + text);
            Thread.sleep(50);
        }
        throw new AssertionError("chromium did not open its DevTools port within 20 s:\n" + Files.readString(log));
    }

    /** The DevTools socket of the initial about:blank tab. */
    private static URI pageSocket(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode targets = Json.parse(r.body());
        for (int i = 0; i < targets.size(); i++) {
            JsonNode target = targets.get(i);
            if ("page".equals(target.path("type").asString())) return URI.create(target.get("webSocketDebuggerUrl").asString());
        }
        throw new AssertionError("no page target in " + r.body());
    }

    /** One DevTools command; its result, or an AssertionError naming the protocol error. */
    public synchronized JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ws.sendText(Json.MAPPER.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(5, TimeUnit.SECONDS);
        JsonNode reply = answer.get(15, TimeUnit.SECONDS);
        if (reply.has("error")) throw new AssertionError(method + " failed: " + reply.get("error"));
        return reply.path("result");
    }

    public void navigate(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
    }

    /** Evaluates a JavaScript expression in the page and returns its value (JSON). */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new AssertionError("page script failed: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /**
     * A real left click (mouse down and up) in the middle of the element: a disabled button ignores it, as for a user.
     * The element is scrolled into view first, as a user would: a mouse event outside the viewport reaches nothing, so
     * a button pushed below the fold by a longer text (another language, a banner) would silently not be clicked.
     */
    public void click(String cssSelector) throws Exception {
        JsonNode at = eval("(() => { const e = document.querySelector(" + Json.MAPPER.writeValueAsString(cssSelector)
                + "); e.scrollIntoView({block: 'center', inline: 'nearest'}); const r = e.getBoundingClientRect();"
                + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", Map.of("type", type, "x", at.get("x").asDouble(), "y", at.get("y").asDouble(),
                    "button", "left", "clickCount", 1));
        }
    }

    /** The page's viewport in CSS pixels, as a phone or a desktop window would have it. */
    public void viewport(int width, int height, boolean mobile) throws Exception {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** A PNG of the viewport, written to {@code file} (its directory created). */
    public Path screenshot(Path file) throws Exception {
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(shot.get("data").asString()));
        return file;
    }

    /** One key pressed and released like a keyboard does it ("Tab", "Enter", " "), on the focused element. */
    public void press(String key) throws Exception {
        String code = switch (key) {
            case "Tab" -> "Tab";
            case "Enter" -> "Enter";
            case " " -> "Space";
            default -> key;
        };
        int keyCode = switch (key) {
            case "Tab" -> 9;
            case "Enter" -> 13;
            case " " -> 32;
            default -> key.toUpperCase().charAt(0);
        };
        Map<String, Object> down = new java.util.HashMap<>(Map.of("type", "keyDown", "key", key, "code", code,
                "windowsVirtualKeyCode", keyCode, "nativeVirtualKeyCode", keyCode));
        if (key.equals("Enter")) down.put("text", "\r");
        if (key.equals(" ")) down.put("text", " ");
        send("Input.dispatchKeyEvent", down);
        send("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", code,
                "windowsVirtualKeyCode", keyCode, "nativeVirtualKeyCode", keyCode));
    }

    /** Uncaught exceptions and console.error calls of the page so far. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    @Override
    public void close() {
        ws.abort();
        kill(process);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a leftover temp profile is harmless
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                } else if ("Runtime.exceptionThrown".equals(msg.path("method").asString())) {
                    pageErrors.add(msg.path("params").path("exceptionDetails").toString());
                } else if ("Runtime.consoleAPICalled".equals(msg.path("method").asString())
                        && "error".equals(msg.path("params").path("type").asString())) {
                    pageErrors.add(msg.path("params").path("args").toString());
                }
            }
            socket.request(1);
            return null;
        }
    }
}
