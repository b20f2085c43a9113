package dev.yantra.stripestandin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." +
 * payload)>}, one {@code v1} per secret in force — two while a secret is being rotated, so a receiver holding
 * either one accepts the delivery.
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    public static String header(long timestamp, String payload, List<String> secrets) {
        StringBuilder b = new StringBuilder("t=").append(timestamp);
        for (String s : secrets) b.append(",v1=").append(v1(timestamp, payload, s));
        return b.toString();
    }

    static String v1(long timestamp, String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
