package dev.yantra.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BancaSignatureTest {
    private static final byte[] SECRET = "demo-banca-secret".getBytes(StandardCharsets.UTF_8);
    private static final String TS = "2026-01-15T12:00:00Z";
    private static final byte[] BODY = "{\"requestId\":\"7d0e7d3c-2f4e-4b55-9a65-2b0f6a1c0e11\"}".getBytes(StandardCharsets.UTF_8);
    /** Computed once with openssl (see the class javadoc of BancaSignature) and checked again below by shelling out. */
    private static final String WORKED_EXAMPLE = "ujaJQV1WuLbzW6mJarizEZDxtKPAWgM0sXk7y3huxbQ=";
    private static final Duration SKEW = BancaSignature.DEFAULT_MAX_SKEW;

    @Test
    void the_worked_example_of_the_integration_guide_signs_to_its_published_value() {
        assertThat(BancaSignature.sign(SECRET, "POST", "/v1/plays/register", TS, BODY)).isEqualTo(WORKED_EXAMPLE);
        assertThat(BancaSignature.verify(SECRET, "POST", "/v1/plays/register", TS, BODY, WORKED_EXAMPLE)).isTrue();
    }

    @Test
    void the_signature_equals_an_independent_openssl_hmac_over_the_concatenated_bytes() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed");
        String message = "GET/v1/plays/BNC-1/status" + TS;   // a bodyless GET: the message ends at the timestamp
        String sigGet = BancaSignature.sign(SECRET, "GET", "/v1/plays/BNC-1/status", TS, new byte[0]);
        assertThat(sigGet).isEqualTo(openssl("demo-banca-secret", message.getBytes(StandardCharsets.UTF_8)));

        byte[] whole = BancaSignature.message("POST", "/v1/plays/register", TS, BODY);
        assertThat(new String(whole, StandardCharsets.UTF_8)).isEqualTo("POST/v1/plays/register" + TS + new String(BODY, StandardCharsets.UTF_8));
        assertThat(openssl("demo-banca-secret", whole)).isEqualTo(WORKED_EXAMPLE);
    }

    @Test
    void the_raw_body_bytes_are_signed_as_sent_not_re_encoded() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed");
        byte[] latin1 = {'{', '"', 'n', '"', ':', '"', (byte) 0xF1, '"', '}'};   // not valid UTF-8 on purpose
        byte[] expectedMessage = concat("POST/webhooks/plays/confirmation".getBytes(StandardCharsets.US_ASCII),
                TS.getBytes(StandardCharsets.US_ASCII), latin1);
        assertThat(BancaSignature.sign(SECRET, "POST", "/webhooks/plays/confirmation", TS, latin1))
                .isEqualTo(openssl("demo-banca-secret", expectedMessage));
    }

    @Test
    void any_change_to_method_path_timestamp_body_or_secret_breaks_the_signature() {
        String sig = BancaSignature.sign(SECRET, "POST", "/v1/plays/register", TS, BODY);
        assertThat(BancaSignature.verify(SECRET, "PUT", "/v1/plays/register", TS, BODY, sig)).isFalse();
        assertThat(BancaSignature.verify(SECRET, "POST", "/v1/plays/register/", TS, BODY, sig)).isFalse();
        assertThat(BancaSignature.verify(SECRET, "POST", "/v1/plays/register", "2026-01-15T12:00:01Z", BODY, sig)).isFalse();
        assertThat(BancaSignature.verify(SECRET, "POST", "/v1/plays/register", TS, "{}".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(BancaSignature.verify("other".getBytes(StandardCharsets.UTF_8), "POST", "/v1/plays/register", TS, BODY, sig)).isFalse();
    }

    @Test
    void a_missing_garbled_or_truncated_signature_is_refused_without_an_exception() {
        assertThat(BancaSignature.verify(SECRET, "POST", "/p", TS, BODY, null)).isFalse();
        assertThat(BancaSignature.verify(SECRET, "POST", "/p", TS, BODY, "")).isFalse();
        assertThat(BancaSignature.verify(SECRET, "POST", "/p", TS, BODY, "not base64 !!")).isFalse();
        String sig = BancaSignature.sign(SECRET, "POST", "/p", TS, BODY);
        String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(Base64.getDecoder().decode(sig), 16));
        assertThat(BancaSignature.verify(SECRET, "POST", "/p", TS, BODY, truncated)).isFalse();
        assertThat(BancaSignature.verify(SECRET, "POST", "/p", null, BODY, sig)).isFalse();
    }

    @Test
    void a_lowercase_method_signs_like_its_uppercase_form_and_surrounding_whitespace_in_the_header_is_ignored() {
        String sig = BancaSignature.sign(SECRET, "post", "/p", TS, BODY);
        assertThat(sig).isEqualTo(BancaSignature.sign(SECRET, "POST", "/p", TS, BODY));
        assertThat(BancaSignature.verify(SECRET, "POST", "/p", TS, BODY, " " + sig + " ")).isTrue();
    }

    @Test
    void an_empty_secret_is_a_programming_error_not_a_valid_key() {
        assertThatThrownBy(() -> BancaSignature.sign(new byte[0], "POST", "/p", TS, BODY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
    }

    @Test
    void timestamps_parse_as_iso_instants_epoch_seconds_or_epoch_millis() {
        Instant t = Instant.parse("2026-01-15T12:00:00Z");
        assertThat(BancaSignature.parseTimestamp("2026-01-15T12:00:00Z")).contains(t);
        assertThat(BancaSignature.parseTimestamp("2026-01-15T12:00:00.250Z")).contains(t.plusMillis(250));
        assertThat(BancaSignature.parseTimestamp("2026-01-15T08:00:00-04:00")).contains(t);
        assertThat(BancaSignature.parseTimestamp(String.valueOf(t.getEpochSecond()))).contains(t);
        assertThat(BancaSignature.parseTimestamp(String.valueOf(t.toEpochMilli() + 7))).contains(t.plusMillis(7));
    }

    @Test
    void anything_else_is_not_a_timestamp() {
        for (String bad : new String[] {null, "", "  ", "yesterday", "2026-01-15", "2026-01-15T12:00:00", "12345",
                "17000000000", "-1700000000", "1700000000.5", "2026-13-01T00:00:00Z", "9".repeat(100)}) {
            assertThat(BancaSignature.parseTimestamp(bad)).as("%s", bad).isEmpty();
        }
    }

    @Test
    void formatting_gives_iso_utc_that_parses_back_to_the_same_instant() {
        Instant t = Instant.parse("2026-01-15T12:00:00Z");
        assertThat(BancaSignature.formatTimestamp(t)).isEqualTo("2026-01-15T12:00:00Z");
        Instant frac = t.plusMillis(123);
        assertThat(BancaSignature.parseTimestamp(BancaSignature.formatTimestamp(frac))).contains(frac);
    }

    @Test
    void freshness_allows_exactly_the_window_either_way_and_nothing_beyond() {
        Instant now = Instant.parse("2026-01-15T12:00:00Z");
        assertThat(BancaSignature.isFresh(now.minusSeconds(120), now, SKEW)).isTrue();
        assertThat(BancaSignature.isFresh(now.plusSeconds(120), now, SKEW)).isTrue();
        assertThat(BancaSignature.isFresh(now.minusSeconds(120).minusMillis(1), now, SKEW)).isFalse();
        assertThat(BancaSignature.isFresh(now.plusSeconds(121), now, SKEW)).isFalse();
        assertThat(BancaSignature.isFresh("2026-01-15T11:59:00Z", now, SKEW)).isTrue();
        assertThat(BancaSignature.isFresh("garbage", now, SKEW)).isFalse();
    }

    @Test
    void freshness_never_overflows_even_for_the_most_distant_instants() {
        assertThat(BancaSignature.isFresh(Instant.MIN, Instant.MAX, SKEW)).isFalse();
        assertThat(BancaSignature.isFresh(Instant.MAX, Instant.MIN, SKEW)).isFalse();
        assertThat(BancaSignature.isFresh("9999999999999", Instant.EPOCH, SKEW)).isFalse();
        assertThat(BancaSignature.isFresh("+999999999-12-31T23:59:59Z", Instant.EPOCH, SKEW)).isFalse();
        assertThatThrownBy(() -> BancaSignature.isFresh(Instant.EPOCH, Instant.EPOCH, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String openssl(String key, byte[] message) throws IOException, InterruptedException {
        Path in = Files.createTempFile("banca-sig", ".bin");
        try {
            Files.write(in, message);
            Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", key, "-binary", in.toString())
                    .redirectErrorStream(false).start();
            byte[] mac;
            try (InputStream out = p.getInputStream()) {
                mac = out.readAllBytes();
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(mac).hasSize(32);
            return Base64.getEncoder().encodeToString(mac);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
