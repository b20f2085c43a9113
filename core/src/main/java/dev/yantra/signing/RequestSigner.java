package dev.yantra.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of docs/integration-guide.md, section 2 (and docs/wallet-api.md, section 6), used both ways: operators sign requests to us, we sign calls to their
 * wallet. Canonical string = UPPER(method) \n path \n timestamp \n hex(sha256(raw body)); signature =
 * base64(HMAC-SHA256(secret, canonical)). Plain Java so the wire contract can be checked without a server.
 */
public final class RequestSigner {
    public static final String KEY_ID_HEADER = "x-yantra-key-id";
    public static final String TIMESTAMP_HEADER = "x-yantra-timestamp";
    public static final String SIGNATURE_HEADER = "x-yantra-signature";

    private RequestSigner() {
    }

    /** Unix seconds as the header must spell them: ASCII digits only, at most 12 (no sign, no spaces, no radix). */
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile("[0-9]{1,12}");

    /**
     * Offered timestamp − our clock, in seconds, or null when the header is not 1–12 ASCII digits. With at most 12
     * digits the difference can never overflow (a {@code Math.abs} of an overflowed difference once let a timestamp of
     * now − 2^63 through the window check).
     */
    public static Long driftSeconds(String timestamp, long nowEpochSeconds) {
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) return null;
        return Long.parseLong(timestamp) - nowEpochSeconds;
    }

    public static String canonical(String method, String path, String timestamp, byte[] body) {
        return method.toUpperCase(Locale.ROOT) + "\n" + path + "\n" + timestamp + "\n" + sha256Hex(body == null ? new byte[0] : body);
    }

    public static String sign(byte[] secret, String method, String path, String timestamp, byte[] body) {
        return hmacBase64(secret, canonical(method, path, timestamp, body));
    }

    /** Constant-time: the comparison takes as long for a near miss as for a wild guess. */
    public static boolean verify(byte[] secret, String method, String path, String timestamp, byte[] body, String offered) {
        if (offered == null) return false;
        byte[] expected = sign(secret, method, path, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, offered.trim().getBytes(StandardCharsets.US_ASCII));
    }

    public static String hmacBase64(byte[] secret, String message) {
        return Base64.getEncoder().encodeToString(hmac(secret, message.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
