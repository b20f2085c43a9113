package dev.yantra.lottery.payments;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP edge of {@link StripeWebhook}: the raw body (bounded) and the Stripe-Signature header, nothing else. */
@RestController
@Guarded(Surface.SELF_AUTHENTICATED)
public class StripeWebhookController {
    static final int MAX_BODY_BYTES = 256 * 1024;
    private final StripeWebhook webhook;
    private final boolean lotteryServed;

    public StripeWebhookController(StripeWebhook webhook, dev.yantra.config.YantraEnv env) {
        this.webhook = webhook;
        this.lotteryServed = env.surfaces().lottery();
    }

    @PostMapping(StripeWebhook.PATH)
    public ResponseEntity<String> event(HttpServletRequest request) throws IOException {
        if (!lotteryServed) {
            return ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON)
                    .body(dev.yantra.api.Json.error("not_found", "this node does not serve the lottery (YANTRA_SURFACES)"));
        }
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (raw.length > MAX_BODY_BYTES) {
            return ResponseEntity.status(413).contentType(MediaType.APPLICATION_JSON)
                    .body(dev.yantra.api.Json.error("body_too_large", "at most " + MAX_BODY_BYTES + " bytes"));
        }
        StripeWebhook.Reply r = webhook.handle(request.getHeader(StripeWebhook.SIGNATURE_HEADER), raw);
        return ResponseEntity.status(r.status()).contentType(MediaType.APPLICATION_JSON).body(r.body());
    }
}
