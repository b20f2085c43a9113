package dev.yantra.evidence;

import dev.yantra.signing.KeyRing;
import dev.yantra.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signature of an evidence manifest: {@code hmac-sha256 <master key id> <hex>}, the HMAC of MANIFEST.sha256
 * under HMAC-SHA256(master key, {@link #CONTEXT}) — a key of its own, derived so that the master key itself never
 * signs anything and an evidence signature can never be mistaken for any other use of it. A node holding the
 * master key (or, during a rotation, the previous one) can check it; nobody else can make one.
 */
final class ManifestSignature {
    static final String CONTEXT = "yantra evidence manifest v1";

    private ManifestSignature() {
    }

    static String sign(KeyRing ring, byte[] manifest) {
        return "hmac-sha256 " + ring.currentId() + " " + HexFormat.of().formatHex(RequestSigner.hmac(ring.derive(CONTEXT), manifest));
    }

    /** Empty when it verifies; otherwise why not. */
    static Optional<String> check(KeyRing ring, byte[] manifest, String signatureLine) {
        String[] parts = signatureLine.strip().split(" ");
        if (parts.length != 3 || !parts[0].equals("hmac-sha256")) return Optional.of(EvidenceBundle.SIGNATURE + " is malformed");
        Optional<byte[]> key = ring.deriveFor(parts[1], CONTEXT);
        if (key.isEmpty()) {
            return Optional.of("signed under master key " + parts[1] + ", which is neither YANTRA_MASTER_KEY (" + ring.currentId()
                    + ") nor YANTRA_MASTER_KEY_PREVIOUS here: the signature cannot be checked");
        }
        byte[] expected = RequestSigner.hmac(key.get(), manifest);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.of(EvidenceBundle.SIGNATURE + " is malformed");
        }
        return MessageDigest.isEqual(expected, given) ? Optional.empty()
                : Optional.of("the signature does not match " + EvidenceExport.MANIFEST + ": the manifest was changed, or signed by another key");
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
