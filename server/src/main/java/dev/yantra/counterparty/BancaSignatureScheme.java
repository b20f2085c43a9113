package dev.yantra.counterparty;

import dev.yantra.signing.BancaSignature;
import java.time.Instant;

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
    public String keyIdHeader() {
        return BancaSignature.KEY_ID_HEADER;
    }
}
