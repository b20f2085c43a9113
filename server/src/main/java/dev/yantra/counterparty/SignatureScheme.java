package dev.yantra.counterparty;

import java.time.Instant;
import java.util.Map;

/**
 * One wire dialect of request signing. Operators speak Yantra-v1 ({@link #OPERATOR}: x-yantra-* headers, unix
 * seconds, canonical string with the body's SHA-256); lottery shops speak the banca HMAC ({@link #BANCA}:
 * X-Signature over METHOD + PATH + X-Timestamp + raw body, ISO-8601 timestamps). Both are HMAC-SHA256 and
 * compared in constant time; they differ only in what is signed and which headers carry it.
 */
public interface SignatureScheme {
    SignatureScheme OPERATOR = new OperatorSignatureScheme();
    SignatureScheme BANCA = new BancaSignatureScheme();

    /** A short name for logs and journal rows ("yantra-v1", "banca-hmac"). */
    String name();

    String signatureHeader();

    String keyIdHeader();

    String timestampHeader();

    /** The timestamp as this dialect writes it. */
    String formatTimestamp(Instant at);

    String sign(byte[] secret, String method, String path, String timestamp, byte[] rawBody);

    /** Constant-time check of {@code offered} over exactly these bytes; false for null or malformed input. */
    boolean verify(byte[] secret, String method, String path, String timestamp, byte[] rawBody, String offered);

    /** The headers a signed request carries: key id, timestamp and signature, in this dialect's names. */
    default Map<String, String> headers(SigningKey key, String method, String path, Instant at, byte[] rawBody) {
        String ts = formatTimestamp(at);
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put(keyIdHeader(), key.keyId());
        h.put(timestampHeader(), ts);
        h.put(signatureHeader(), sign(key.secret(), method, path, ts, rawBody));
        return h;
    }
}
