package dev.yantra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.yantra.operator.Operators;
import dev.yantra.signing.OperatorFixture;
import dev.yantra.testing.Await;
import dev.yantra.testing.Chromium;
import dev.yantra.testing.TestServer;
import dev.yantra.api.Json;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile query strings and fragments on our pages, in a real headless Chromium. The payload is first shown to
 * work on a deliberately unprotected control page (it writes the query into innerHTML), so a pass on ours means
 * our pages resisted it, not that the payload was inert.
 */
class PageSecurityBrowserTest {
    static final String PAYLOAD = "<img src=x onerror=\"document.title='pwned'\">";
    static TestServer server;
    static HttpServer control;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        control = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        control.createContext("/control", ex -> {
            byte[] page = """
                    <html><head><title>control</title></head><body><div id="out"></div><script>
                    document.getElementById('out').innerHTML = decodeURIComponent(location.search.slice(7));
                    </script></body></html>""".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("content-type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        control.start();
    }

    @AfterAll
    static void stop() {
        control.stop(0);
        server.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void hostile_query_strings_and_fragments_run_no_script_on_verify_and_play_and_show_as_text() throws Exception {
        Optional<Path> binary = Chromium.find();
        assumeTrue(binary.isPresent(), "SKIPPED: chromium is not installed (scripts/test installs it)");
        try (Chromium browser = Chromium.launch(binary.get())) {
            long navigated = System.nanoTime();
            browser.navigate("http://localhost:" + control.getAddress().getPort() + "/control?round=" + q(PAYLOAD));
            awaitTitle(browser, "pwned", 10_000);
            assertThat(title(browser)).as("the payload runs on an unprotected page").isEqualTo("pwned");
            // each protected page gets, once it has handled the payload, three times what the payload took to run here
            long grace = Math.max(500, 3 * (System.nanoTime() - navigated) / 1_000_000);

            for (String url : List.of(server.url("/verify?round=" + q(PAYLOAD)), server.url("/verify#" + q(PAYLOAD)),
                    server.url("/play?session=" + q(PAYLOAD)), server.url("/play#" + q(PAYLOAD)))) {
                browser.navigate(url);
                awaitHandled(browser, url);
                awaitTitle(browser, "pwned", grace);   // gives the payload every chance to run
                assertThat(title(browser)).as(url).isNotEqualTo("pwned");
                assertThat(browser.eval("document.querySelectorAll('img').length").asInt()).as(url).isZero();
            }
            browser.navigate(server.url("/verify?round=" + q(PAYLOAD)));
            awaitHandled(browser, "/verify?round=");
            awaitTitle(browser, "pwned", grace);
            assertThat(browser.eval("document.getElementById('round').value").asString()).isEqualTo(PAYLOAD);
            assertThat(browser.eval("document.getElementById('out').textContent").asString()).isNotBlank();
            assertThat(browser.eval("document.getElementById('out').children.length").asInt()).isEqualTo(1);
        }
    }

    @Test
    void every_page_sends_csp_without_inline_script_nosniff_a_referrer_policy_and_framing_rules() {
        for (String path : List.of("/verify", "/verify.html", "/js/verify.js", "/health", "/v1/public/rounds/x/proof", "/nope")) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> {
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            });
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        HttpResponse<String> play = server.get("/play");
        assertThat(play.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'self'").doesNotContain("frame-ancestors 'none'"));
        assertThat(play.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(play.body()).doesNotContain("<script>").doesNotContain("<style>");
    }

    @Test
    void play_may_be_framed_by_the_operators_own_listed_sites_only() {
        OperatorFixture op = OperatorFixture.create(server, "framing-casino");
        server.running.context().getBean(Operators.class)
                .setEmbedOrigins("framing-casino", List.of("https://lobby.casino.example"), "test");
        HttpResponse<String> created = op.client().post("/v1/session", op.sessionBody(UUID.randomUUID(), "framed-player"));
        String token = Json.parse(created.body()).get("sessionToken").stringValue();
        HttpResponse<String> play = server.get("/play?session=" + token);
        assertThat(play.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).endsWith("frame-ancestors 'self' https://lobby.casino.example"));
        assertThat(play.headers().firstValue("X-Frame-Options")).isEmpty();
        HttpResponse<String> stranger = server.get("/play?session=not-a-token");
        assertThat(stranger.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).endsWith("frame-ancestors 'self'"));
    }

    static String title(Chromium browser) throws Exception {
        return browser.eval("document.title").asString();
    }

    /**
     * Waits until the page has done what it does with the payload: loaded, the play page past its start (ready, or
     * its end screen for a session that never worked), the verify page's answer to a round id shown.
     */
    static void awaitHandled(Chromium browser, String url) {
        String done = url.contains("/play") ? "document.body?.dataset.ready === 'true'"
                : url.contains("?round=") ? "(document.getElementById('out')?.textContent ?? '').trim() !== ''"
                : "true";
        Await.until("the page handled the payload: " + url, Duration.ofSeconds(20), () -> {
            try {
                return browser.eval("document.readyState === 'complete' && " + done).asBoolean(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Waits up to {@code ms} for the title, returning early when it appears; the callers then assert either way (an
     * absence check gives the payload the whole time to run).
     */
    static void awaitTitle(Chromium browser, String title, long ms) throws Exception {
        try {
            Await.until("the page title '" + title + "'", Duration.ofMillis(ms), () -> {
                try {
                    return title.equals(title(browser));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (AssertionError notWithinTheTime) {
            // an expected outcome for the absence checks; the caller's assertion decides
        }
    }
}
