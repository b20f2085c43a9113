package dev.yantra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.Chromium;
import dev.yantra.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A real headless Chromium on the portal, used like a person: fill a form's fields by id, press its button, wait
 * for the next page, take a 1280x800 screenshot into target/portal-screenshots/ (the test artifacts).
 */
public final class PortalBrowser {
    public static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    public final Chromium chromium;
    private final TestServer server;

    public PortalBrowser(Chromium chromium, TestServer server) throws Exception {
        this.chromium = chromium;
        this.server = server;
        chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Opens a portal path and waits until its document has loaded. */
    public void open(String path) throws Exception {
        chromium.navigate(server.url(path));
        awaitLoaded(path);
    }

    public void awaitLoaded(String what) throws Exception {
        long end = System.nanoTime() + 15_000_000_000L;
        Thread.sleep(100);
        while (System.nanoTime() < end) {
            if ("complete".equals(chromium.eval("document.readyState").asString())) return;
            Thread.sleep(50);
        }
        throw new AssertionError("page did not load: " + what);
    }

    /** Sets a field's value as typing would (by element id). */
    public void fill(String id, String value) throws Exception {
        fillBy("#" + id, value);
    }

    public void fillBy(String css, String value) throws Exception {
        Boolean ok = chromium.eval("(() => { const e = document.querySelector(" + js(css) + "); if (!e) return false; e.value = " + js(value) + "; "
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); return true; })()").asBoolean();
        if (!Boolean.TRUE.equals(ok)) throw new AssertionError("no field at " + css);
    }

    /** Submits a form by id, as its submit button would, and waits for the page that answers. */
    public void submit(String formId) throws Exception {
        submitBy("#" + formId);
    }

    /** Submits the form that is, or holds, the first element matching {@code css}, and waits for the answer. */
    public void submitBy(String css) throws Exception {
        String before = chromium.eval("String(performance.timeOrigin)").asString();
        Boolean found = chromium.eval("(() => { const e = document.querySelector(" + js(css) + "); if (!e) return false; "
                + "(e.tagName === 'FORM' ? e : e.closest('form')).requestSubmit(); return true; })()").asBoolean();
        if (!Boolean.TRUE.equals(found)) throw new AssertionError("no form at " + css + " on " + path());
        long end = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(50);
            JsonNode origin;
            try {
                origin = chromium.eval("document.readyState === 'complete' ? String(performance.timeOrigin) : ''");
            } catch (AssertionError navigating) {
                continue;
            }
            if (!origin.asString().isEmpty() && !origin.asString().equals(before)) return;
        }
        throw new AssertionError("no page answered the form at " + css);
    }

    /** Logs in through the form with password and the current TOTP code of {@code totpSecret} (or none). */
    public void login(String username, String password, String totpSecret) throws Exception {
        open("/portal/login");
        fill("username", username);
        fill("password", password);
        fill("code", totpSecret == null ? "" : Totp.code(totpSecret, Totp.step(Instant.now())));
        submit("login");
    }

    public void logout() throws Exception {
        if (Boolean.TRUE.equals(chromium.eval("!!document.getElementById('logout')").asBoolean())) {
            chromium.eval("document.getElementById('logout').closest('form').requestSubmit()");
            Thread.sleep(300);
        }
        chromium.send("Network.clearBrowserCookies", Map.of());
    }

    public String path() throws Exception {
        return chromium.eval("location.pathname + location.search").asString();
    }

    public String text(String cssSelector) throws Exception {
        return chromium.eval("(() => { const e = document.querySelector(" + js(cssSelector) + "); return e ? e.textContent.trim() : null; })()").asString();
    }

    public String bodyText() throws Exception {
        return chromium.eval("document.body.innerText").asString();
    }

    /** A 1280x800 PNG of the page as it is now, named after the page. */
    public Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        JsonNode shot = chromium.send("Page.captureScreenshot", Map.of("format", "png"));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asString()));
        assertThat(Files.size(file)).as(file.toString()).isGreaterThan(1000);
        return file;
    }

    static String js(String s) {
        try {
            return dev.yantra.api.Json.MAPPER.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
