package dev.yantra.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The worked example of docs/integration-guide.md, recomputed with the server's RequestSigner. */
class SigningExampleDocTest {
    static String field(String doc, String label) {
        Matcher m = Pattern.compile("^- " + Pattern.quote(label) + ": `([^`]*)`$", Pattern.MULTILINE).matcher(doc);
        assertThat(m.find()).as("guide has '- " + label + ": `...`'").isTrue();
        return m.group(1);
    }

    @Test
    void the_integration_guides_worked_signing_example_is_what_request_signer_computes() throws Exception {
        Path guide = Path.of("../docs/integration-guide.md");
        if (!Files.exists(guide)) guide = Path.of("docs/integration-guide.md");
        String doc = Files.readString(guide);
        byte[] body = field(doc, "body").getBytes(StandardCharsets.UTF_8);
        String method = field(doc, "method");
        String path = field(doc, "path");
        String timestamp = field(doc, "timestamp");
        byte[] secret = field(doc, "secret").getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSigner.sha256Hex(body)).isEqualTo(field(doc, "body SHA-256"));
        String canonical = RequestSigner.canonical(method, path, timestamp, body);
        assertThat(doc).contains("```\n" + canonical + "\n```");
        assertThat(RequestSigner.sign(secret, method, path, timestamp, body)).isEqualTo(field(doc, "signature"));
    }
}
