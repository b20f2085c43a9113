package dev.yantra.fairness.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.fairness.TestVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The /verify page's own JavaScript (pure SHA-256/HMAC, no WebCrypto) reproduces every ketapola-rng-v1 test
 * vector, so a player on plain HTTP checks rounds with code that is right. Runs the page's script under node.
 */
class VerifyPageJsTest {

    @Test
    void the_page_script_reproduces_every_test_vector_without_webcrypto() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "node is not installed");
        // the page's script is its own file (the CSP allows no inline script); the part before the DOM code is the math
        String source = Files.readString(Path.of("src/main/resources/static/js/verify.js"));
        Matcher m = Pattern.compile("^(.*?)const \\$ = id", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).isTrue();
        List<TestVectors.Vector> vectors = TestVectors.loadDefault();
        StringBuilder js = new StringBuilder(m.group(1)).append("\nglobalThis.window = {};\n(async () => {\n");
        for (TestVectors.Vector v : vectors) {
            js.append(String.format("{ const r = await roll(%s, %s, %s, %d, %d); console.log(r.side + ' ' + r.sum + ' ' + r.hmac + ' ' + r.via); }%n",
                    q(v.serverSeed()), q(v.clientSeed()), q(Long.toString(v.nonce())), v.lowWeight(), v.highWeight()));
        }
        js.append("})();\n");
        Path script = Files.createTempFile("verify-page", ".js");
        Files.writeString(script, js, StandardCharsets.UTF_8);
        Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            TestVectors.Vector v = vectors.get(i);
            assertThat(lines.get(i)).isEqualTo(v.expected().side() + " " + v.expected().sum() + " " + v.expected().hmac() + " pure JavaScript");
        }
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') b.append('\\').appendCodePoint(cp);
            else if (cp < 0x20 || cp > 0x7e) b.append(String.format(cp > 0xffff ? "\\u{%x}" : "\\u%04x", cp));
            else b.appendCodePoint(cp);
        });
        return b.append('"').toString();
    }
}
