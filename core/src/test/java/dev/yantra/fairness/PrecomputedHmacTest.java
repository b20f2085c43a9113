package dev.yantra.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PrecomputedHmacTest {

    @Test
    void it_equals_the_jce_mac_for_seed_keys_and_messages_of_every_length_up_to_two_blocks() throws Exception {
        byte[] key = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);
        PrecomputedHmac fast = new PrecomputedHmac();
        fast.init(key);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] out = new byte[32];
        for (int len = 0; len <= 130; len++) {
            byte[] msg = new byte[len];
            for (int i = 0; i < len; i++) {
                msg[i] = (byte) (i * 31 + len);
            }
            fast.hmac(msg, len, out);
            assertThat(HexFormat.of().formatHex(out)).as("length %d", len)
                    .isEqualTo(HexFormat.of().formatHex(mac.doFinal(msg)));
        }
    }
}
