package dev.yantra.lottery.webhook;

import dev.yantra.api.RawWebhookBody;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import dev.yantra.signing.BancaSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP edge of {@link BancaWebhook}: reads the raw body (bounded) and the three headers, nothing else. */
@RestController
@Guarded(Surface.SELF_AUTHENTICATED)
public class BancaWebhookController {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private final BancaWebhook webhook;
    private final boolean lotteryServed;

    public BancaWebhookController(BancaWebhook webhook, dev.yantra.config.YantraEnv env) {
        this.webhook = webhook;
        this.lotteryServed = env.surfaces().lottery();
    }

    @PostMapping(BancaWebhook.PATH)
    public ResponseEntity<String> confirmation(HttpServletRequest request) throws IOException {
        byte[] raw = RawWebhookBody.readLotteryWebhook(request, lotteryServed, MAX_BODY_BYTES);
        BancaWebhook.Reply r = webhook.handle(request.getHeader(BancaSignature.SIGNATURE_HEADER),
                request.getHeader(BancaSignature.TIMESTAMP_HEADER), request.getHeader(BancaSignature.KEY_ID_HEADER), raw,
                request.getRemoteAddr());
        return ResponseEntity.status(r.status()).contentType(MediaType.APPLICATION_JSON).body(r.body());
    }
}
