package dev.yantra.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
    private static final byte[] SECRET = "test-secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void the_canonical_string_joins_method_path_timestamp_and_body_hash_with_newlines() {
        String canonical = RequestSigner.canonical("post", "/v1/session", "1700000000", "{}".getBytes(StandardCharsets.UTF_8));
        // sha256("{}") is a published constant
        assertThat(canonical).isEqualTo("POST\n/v1/session\n1700000000\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void a_bodyless_request_signs_the_hash_of_the_empty_string() {
        assertThat(RequestSigner.canonical("GET", "/v1/rounds", "1", null))
                .endsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void a_signature_verifies_and_any_change_breaks_it() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String sig = RequestSigner.sign(SECRET, "POST", "/v1/session", "1700000000", body);
        assertThat(RequestSigner.verify(SECRET, "POST", "/v1/session", "1700000000", body, sig)).isTrue();
        assertThat(RequestSigner.verify(SECRET, "POST", "/v1/session", "1700000001", body, sig)).isFalse();
        assertThat(RequestSigner.verify(SECRET, "POST", "/v1/session/", "1700000000", body, sig)).isFalse();
        assertThat(RequestSigner.verify(SECRET, "POST", "/v1/session", "1700000000", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(RequestSigner.verify("other".getBytes(StandardCharsets.UTF_8), "POST", "/v1/session", "1700000000", body, sig)).isFalse();
        assertThat(RequestSigner.verify(SECRET, "POST", "/v1/session", "1700000000", body, null)).isFalse();
    }

    @Test
    void the_hmac_matches_the_rfc_4231_test_case_2() {
        byte[] mac = RequestSigner.hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(java.util.HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void a_sealed_secret_opens_only_with_the_same_key_and_row() {
        byte[] key = new byte[32];
        key[0] = 7;
        SecretBox box = new SecretBox(key);
        String sealed = box.seal("s3cret".getBytes(StandardCharsets.UTF_8), "kid-1");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(new String(box.open(sealed, "kid-1"), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThatThrownBy(() -> box.open(sealed, "kid-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(new byte[32]).open(sealed, "kid-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_timestamp_is_one_to_twelve_ascii_digits_and_its_drift_never_overflows() {
        long now = 1_796_150_000L;
        assertThat(RequestSigner.driftSeconds("1796150030", now)).isEqualTo(30L);
        assertThat(RequestSigner.driftSeconds("0", now)).isEqualTo(-now);
        assertThat(RequestSigner.driftSeconds("999999999999", now)).isEqualTo(999_999_999_999L - now);
        for (String bad : new String[] {"+1796150000", "0001796150000", "-1", " 1796150000", "1796150000 ", "",
                "1e9", "0x6b0e2ef0", "١٧٩٦١٥٠٠٠٠", Long.toString(Long.MIN_VALUE + now), "9223372036854775807"}) {
            assertThat(RequestSigner.driftSeconds(bad, now)).as(bad).isNull();
        }
        assertThat(RequestSigner.driftSeconds(null, now)).isNull();
    }
}
