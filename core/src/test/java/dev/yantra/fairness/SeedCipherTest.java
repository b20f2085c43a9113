package dev.yantra.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SeedCipherTest {

    private final byte[] key = new byte[32];
    private final SeedCipher cipher = new SeedCipher(key, new SecureRandom());

    @Test
    void a_seed_round_trips_and_each_encryption_uses_a_fresh_iv() {
        String seed = "ab".repeat(32);
        String a = cipher.encrypt(seed, "chain-1");
        String b = cipher.encrypt(seed, "chain-1");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain(seed);
        assertThat(cipher.decrypt(a, "chain-1")).isEqualTo(seed);
    }

    @Test
    void wrong_key_wrong_context_or_tampering_fails_to_decrypt() {
        String enc = cipher.encrypt("cd".repeat(32), "chain-1");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SeedCipher(otherKey, new SecureRandom()).decrypt(enc, "chain-1"))
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> cipher.decrypt(enc, "chain-2")).hasMessageContaining("does not authenticate");
        int at = enc.length() - 5;
        char last = enc.charAt(at);
        String tampered = enc.substring(0, at) + (last == 'A' ? 'B' : 'A') + enc.substring(at + 1);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "chain-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v3:xx", "chain-1")).hasMessageContaining("must start with 'v2:<key id>:' or 'v1:'");
    }

    @Test
    void a_key_of_the_wrong_size_is_refused() {
        assertThatThrownBy(() -> new SeedCipher(new byte[16], new SecureRandom()))
                .hasMessage("key must be 32 bytes (AES-256), was 16 bytes");
        assertThat(cipher.toString()).contains("key hidden");
    }
}
