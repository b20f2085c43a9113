package dev.yantra.counterparty;

import dev.yantra.signing.RequestSigner;
import java.time.Instant;

/** Yantra-v1, the operator dialect: the core {@link RequestSigner} and its x-yantra-* headers. */
final class OperatorSignatureScheme implements SignatureScheme {
    @Override
    public String name() {
        return "yantra-v1";
    }

    @Override
    public String signatureHeader() {
        return RequestSigner.SIGNATURE_HEADER;
    }

    @Override
    public String timestampHeader() {
        return RequestSigner.TIMESTAMP_HEADER;
    }

    @Override
    public String formatTimestamp(Instant at) {
        return String.valueOf(at.getEpochSecond());
    }

    @Override
    public String sign(byte[] secret, String method, String path, String timestamp, byte[] rawBody) {
        return RequestSigner.sign(secret, method, path, timestamp, rawBody);
    }

    @Override
    public boolean verify(byte[] secret, String method, String path, String timestamp, byte[] rawBody, String offered) {
        return RequestSigner.verify(secret, method, path, timestamp, rawBody, offered);
    }

    @Override
    public String keyIdHeader() {
        return RequestSigner.KEY_ID_HEADER;
    }
}
