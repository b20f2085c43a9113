package dev.yantra.counterparty;

import dev.yantra.signing.BancaSignature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The banca dialect: the core {@link BancaSignature}; we also send X-Key-Id so a shop mid-rotation can pick its secret. */
final class BancaSignatureScheme implements SignatureScheme {
    @Override
    public String name() {
        return "banca-hmac";
    }

    @Override
    public String signatureHeader() {
        return BancaSignature.SIGNATURE_HEADER;
    }

    @Override
    public String timestampHeader() {
        return BancaSignature.TIMESTAMP_HEADER;
    }

    @Override
    public String formatTimestamp(Instant at) {
        return BancaSignature.formatTimestamp(at);
    }

    @Override
    public String sign(byte[] secret, String method, String path, String timestamp, byte[] rawBody) {
        return BancaSignature.sign(secret, method, path, timestamp, rawBody);
    }

    @Override
    public boolean verify(byte[] secret, String method, String path, String timestamp, byte[] rawBody, String offered) {
        return BancaSignature.verify(secret, method, path, timestamp, rawBody, offered);
    }

    @Override
    public Map<String, String> headers(SigningKey key, String method, String path, Instant at, byte[] rawBody) {
        String ts = formatTimestamp(at);
        Map<String, String> h = new LinkedHashMap<>();
        h.put(BancaSignature.KEY_ID_HEADER, key.keyId());
        h.put(BancaSignature.TIMESTAMP_HEADER, ts);
        h.put(BancaSignature.SIGNATURE_HEADER, sign(key.secret(), method, path, ts, rawBody));
        return h;
    }
}
