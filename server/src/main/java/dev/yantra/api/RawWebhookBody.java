package dev.yantra.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * The raw bytes of a signed webhook, bounded. Signatures are computed over the exact bytes sent, so a webhook edge
 * must read them itself instead of letting a JSON converter parse (and normalise) them; the bound keeps a hostile
 * sender from filling memory before its signature is even looked at.
 */
public final class RawWebhookBody {
    private RawWebhookBody() {
    }

    /**
     * The body of a webhook to a node that serves the lottery. Refuses with 404 {@code not_found} on a node whose
     * YANTRA_SURFACES leave the lottery out and with 413 {@code body_too_large} above {@code maxBytes}.
     */
    public static byte[] readLotteryWebhook(HttpServletRequest request, boolean lotteryServed, int maxBytes) throws IOException {
        if (!lotteryServed) {
            throw new ApiException(404, "not_found", "this node does not serve the lottery (YANTRA_SURFACES)");
        }
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes(maxBytes + 1);
        }
        if (raw.length > maxBytes) {
            throw new ApiException(413, "body_too_large", "at most " + maxBytes + " bytes");
        }
        return raw;
    }
}
