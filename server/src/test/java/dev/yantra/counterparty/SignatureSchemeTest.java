package dev.yantra.counterparty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {
    static final byte[] BODY = "{\"requestId\":\"7d0e7d3c-2f4e-4b55-9a65-2b0f6a1c0e11\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant AT = Instant.parse("2026-01-15T12:00:00Z");

    @Test
    void the_banca_scheme_signs_the_worked_example_of_the_integration_guide_and_sends_its_key_id() {
        SigningKey key = new SigningKey("bk_1", "demo-banca-secret".getBytes(StandardCharsets.UTF_8));
        Map<String, String> h = SignatureScheme.BANCA.headers(key, "POST", "/v1/plays/register", AT, BODY);
        assertThat(h).containsEntry("X-Key-Id", "bk_1").containsEntry("X-Timestamp", "2026-01-15T12:00:00Z")
                .containsEntry("X-Signature", "ujaJQV1WuLbzW6mJarizEZDxtKPAWgM0sXk7y3huxbQ=");
        assertThat(SignatureScheme.BANCA.verify(key.secret(), "POST", "/v1/plays/register", "2026-01-15T12:00:00Z", BODY,
                h.get("X-Signature"))).isTrue();
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(SignatureScheme.BANCA.verify(key.secret(), "POST", "/v1/plays/register", "2026-01-15T12:00:00Z", tampered,
                h.get("X-Signature"))).isFalse();
        assertThat(SignatureScheme.BANCA.verify(key.secret(), "POST", "/v1/plays/register", "2026-01-15T12:00:00Z", BODY, null)).isFalse();
    }

    @Test
    void the_operator_scheme_is_exactly_the_yantra_v1_signature_with_unix_seconds() {
        SigningKey key = new SigningKey("ok_1", "wallet-secret".getBytes(StandardCharsets.UTF_8));
        Map<String, String> h = SignatureScheme.OPERATOR.headers(key, "POST", "/wallet/bet", AT, BODY);
        String ts = String.valueOf(AT.getEpochSecond());
        assertThat(h).containsEntry(RequestSigner.KEY_ID_HEADER, "ok_1").containsEntry(RequestSigner.TIMESTAMP_HEADER, ts)
                .containsEntry(RequestSigner.SIGNATURE_HEADER, RequestSigner.sign(key.secret(), "POST", "/wallet/bet", ts, BODY));
        assertThat(SignatureScheme.OPERATOR.verify(key.secret(), "POST", "/wallet/bet", ts, BODY, h.get(RequestSigner.SIGNATURE_HEADER))).isTrue();
        // the two dialects never accept each other's signatures
        assertThat(SignatureScheme.BANCA.verify(key.secret(), "POST", "/wallet/bet", ts, BODY, h.get(RequestSigner.SIGNATURE_HEADER))).isFalse();
    }

    @Test
    void a_signing_key_never_prints_its_secret() {
        assertThat(new SigningKey("bk_2", "very-secret".getBytes(StandardCharsets.UTF_8)).toString()).doesNotContain("very-secret");
    }
}
