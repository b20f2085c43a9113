package dev.yantra.bench;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.server.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code yantra bench page}: how soon /play shows a player the table, on loopback, in the machine's headless
 * Chromium: the browser's own first-contentful-paint of the page (the page keeps its content hidden until it has the
 * table's state and the player's strings, so that paint is the first render of the game, not of an empty frame), and
 * the time until the page says it is ready, from a node started in this process with a demo session. The first load
 * has a cold cache; the rest are warm. Goal: first render under 1 s.
 */
public final class PageBench {
    public static final long GOAL_FIRST_RENDER_MS = 1_000;

    public record Options(int runs) {
    }

    /** One load: first contentful paint and ready, ms from navigation start (-1 when the browser reported none). */
    public record Load(boolean cold, double firstPaintMs, double readyMs) {
    }

    public record Result(List<Load> loads, long pageBytes, double loadAverage) {
        public double worstFirstPaintMs() {
            return loads.stream().mapToDouble(Load::firstPaintMs).max().orElse(-1);
        }

        public boolean goalMet() {
            return !loads.isEmpty() && loads.stream().allMatch(l -> l.firstPaintMs() >= 0 && l.firstPaintMs() < GOAL_FIRST_RENDER_MS);
        }
    }

    private PageBench() {
    }

    public static Result run(YantraEnv baseEnv, Options o, Path chromium) throws Exception {
        YantraEnv env = baseEnv.withPort(freePort());
        ServerLauncher.Running node = ServerLauncher.start(env, null);
        try {
            JdbcClient jdbc = node.database().jdbc();
            byte[] key = MasterKey.resolve(env);
            UUID operator = UUID.randomUUID();
            DemoProvisioner provisioner = new DemoProvisioner(jdbc, key, operator, "bench-page-" + operator, "bench-page-" + operator);
            // a demo session never calls a wallet: the URL only has to be well formed
            provisioner.provision("http://127.0.0.1:9/unused", null);
            String token = provisioner.createSession("bench-page", "demo", 1_000_000_000L, Duration.ofHours(1), dev.yantra.config.NodeClock.system().instant());
            String url = "http://localhost:" + env.port() + "/play?session=" + token;
            awaitRound(jdbc, operator);
            List<Load> loads = new ArrayList<>();
            long bytes;
            try (HeadlessPage page = HeadlessPage.launch(chromium)) {
                for (int i = 0; i < o.runs(); i++) {
                    page.navigate("about:blank");
                    Thread.sleep(100);
                    page.navigate(url);
                    loads.add(new Load(i == 0, awaitPaint(page), readyMs(page)));
                }
                bytes = page.eval("""
                        performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                          .filter(e => !new URL(e.name).pathname.startsWith('/v1/'))
                          .reduce((sum, e) => sum + (e.decodedBodySize || 0), 0)""").asLong();
            }
            jdbc.sql("UPDATE operator_game_configs SET enabled = false, updated_by = 'yantra bench page' WHERE operator_id = ?")
                    .param(operator).update();
            return new Result(loads, bytes, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            node.stop();
        }
    }

    /** The page is ready once it shows a phase; then the browser's paint entry, which can land a frame later. */
    private static double awaitPaint(HeadlessPage page) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            double fcp = page.eval("""
                    (() => { const ready = document.body?.dataset.ready === 'true'
                               && document.getElementById('app')?.dataset.phase !== 'connecting';
                             const p = performance.getEntriesByName('first-contentful-paint')[0];
                             return ready && p ? p.startTime : -1; })()""").asDouble(-1);
            if (fcp >= 0) return fcp;
            Thread.sleep(10);
        }
        return -1;
    }

    /** When the page marked itself ready, from the resource timing of its last start-up request (the table's state). */
    private static double readyMs(HeadlessPage page) throws Exception {
        return page.eval("""
                (() => { const s = performance.getEntriesByType('resource').filter(e => e.name.includes('/i18n/play.'));
                         return s.length ? Math.max(...s.map(e => e.responseEnd)) : -1; })()""").asDouble(-1);
    }

    private static void awaitRound(JdbcClient jdbc, UUID operator) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (jdbc.sql("SELECT count(*) FROM rounds WHERE operator_id = ?").param(operator).query(Long.class).single() > 0) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("the bench table opened no round within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static String table(Result r) {
        StringBuilder out = new StringBuilder();
        out.append("yantra bench page: /play in headless Chromium on loopback, in-process node, demo session\n");
        out.append(String.format(Locale.ROOT, "%-6s %-5s %16s %22s%n", "load", "cache", "first render ms", "strings loaded at ms"));
        for (int i = 0; i < r.loads().size(); i++) {
            Load l = r.loads().get(i);
            out.append(String.format(Locale.ROOT, "%-6d %-5s %16.1f %22.1f%n", i + 1, l.cold() ? "cold" : "warm", l.firstPaintMs(), l.readyMs()));
        }
        out.append(String.format(Locale.ROOT, "page weight: %,d bytes (html, css, js modules, strings)%n", r.pageBytes()));
        out.append(String.format(Locale.ROOT, "first render, worst of %d loads: %.1f ms (goal < %d ms) %s%n", r.loads().size(),
                r.worstFirstPaintMs(), GOAL_FIRST_RENDER_MS, r.goalMet() ? "MET" : "NOT MET"));
        out.append(String.format(Locale.ROOT, "load average: %.2f (figures from a busy machine are indications)%n", r.loadAverage()));
        return out.toString();
    }

    public static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loads", r.loads());
        m.put("pageBytes", r.pageBytes());
        m.put("worstFirstRenderMs", r.worstFirstPaintMs());
        m.put("goalMs", GOAL_FIRST_RENDER_MS);
        m.put("goalMet", r.goalMet());
        m.put("loadAverage", r.loadAverage());
        return m;
    }
}
