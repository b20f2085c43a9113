package dev.yantra.lottery.payments;

import dev.yantra.api.RawWebhookBody;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
        byte[] raw = RawWebhookBody.readLotteryWebhook(request, lotteryServed, MAX_BODY_BYTES);
        StripeWebhook.Reply r = webhook.handle(request.getHeader(StripeWebhook.SIGNATURE_HEADER), raw);
        return ResponseEntity.status(r.status()).contentType(MediaType.APPLICATION_JSON).body(r.body());
    }
}
