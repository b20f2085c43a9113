package dev.yantra.demobanca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.signing.BancaSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/banca-integration-guide.md, recomputed with BancaSignature. */
class BancaGuideExampleDocTest {
    private static String doc;
    private static byte[] secret;
    private static String ts;

    @BeforeAll
    static void read() throws Exception {
        Path guide = Path.of("../docs/banca-integration-guide.md");
        if (!Files.exists(guide)) guide = Path.of("docs/banca-integration-guide.md");
        doc = Files.readString(guide);
        secret = field("secret").getBytes(StandardCharsets.UTF_8);
        ts = field("X-Timestamp");
    }

    static String field(String label) {
        Matcher m = Pattern.compile("^- " + Pattern.quote(label) + ": `([^`]*)`$", Pattern.MULTILINE).matcher(doc);
        assertThat(m.find()).as("guide has '- " + label + ": `...`'").isTrue();
        return m.group(1);
    }

    @Test
    void the_register_example_signs_to_the_signature_the_guide_shows() {
        byte[] body = field("body").getBytes(StandardCharsets.UTF_8);
        String sig = BancaSignature.sign(secret, field("method"), field("path"), ts, body);
        assertThat(sig).isEqualTo(field("X-Signature"));
        assertThat(doc).contains(field("method") + field("path") + ts + field("body"));
    }

    @Test
    void the_status_example_signs_method_path_and_timestamp_only() {
        assertThat(BancaSignature.sign(secret, "GET", field("status path"), ts, new byte[0])).isEqualTo(field("status X-Signature"));
    }

    @Test
    void the_webhook_example_verifies_as_yantra_would_verify_it() {
        byte[] body = field("webhook body").getBytes(StandardCharsets.UTF_8);
        assertThat(BancaSignature.verify(secret, "POST", WebhookSender.WEBHOOK_PATH, field("webhook X-Timestamp"), body,
                field("webhook X-Signature"))).isTrue();
    }
}
