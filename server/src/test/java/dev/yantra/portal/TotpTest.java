package dev.yantra.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B's own vectors (SHA-1, 8 digits, the 20-byte ASCII key "1234...90"), and the portal's use of it. */
class TotpTest {
    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codes_match_the_rfc_6238_test_vectors() {
        long[][] vectors = {{59L, 94287082L}, {1111111109L, 7081804L}, {1111111111L, 14050471L}, {1234567890L, 89005924L},
                {2000000000L, 69279037L}, {20000000000L, 65353130L}};
        for (long[] v : vectors) {
            String expected = String.format("%08d", v[1]);
            assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(v[0])), 8, "HmacSHA1")).as("T=" + v[0]).isEqualTo(expected);
        }
    }

    @Test
    void base32_round_trips_and_the_rfc_key_has_its_well_known_text() {
        assertThat(Totp.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.decodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(RFC_KEY);
        String secret = Totp.newSecret();
        assertThat(Totp.base32(Totp.decodeBase32(secret))).isEqualTo(secret);
    }

    @Test
    void a_code_is_accepted_one_step_either_side_once_and_never_again() {
        String secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now, 0)).hasValue(step);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now, 0)).hasValue(step - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now, 0)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now, 0)).isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now, step)).as("spent").isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now, 0)).isEmpty();
        assertThat(Totp.matchingStep(secret, "abcdef", now, 0)).isEmpty();
    }
}
