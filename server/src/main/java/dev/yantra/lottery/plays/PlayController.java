package dev.yantra.lottery.plays;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.lottery.player.PlayerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The player's plays API (Lotolink-compatible): players act on their own plays only — another player's play
 * by id is 404 (its existence is not revealed), another player's list is 403.
 */
@RestController("lotteryPlayController")
@Guarded(Surface.SELF_AUTHENTICATED)
public class PlayController {
    private final PlayService service;
    private final PlayStore plays;
    private final CardCheckout cards;

    public PlayController(PlayService service, PlayStore plays, org.springframework.beans.factory.ObjectProvider<CardCheckout> cards) {
        this.service = service;
        this.plays = plays;
        this.cards = cards.getIfAvailable();
    }

    /** The play as its player sees it; a card play's {@code payment} also carries the payment's state. */
    private java.util.Map<String, Object> view(PlayRow p) {
        java.util.Map<String, Object> m = p.toJson();
        if (cards != null && "card".equals(p.paymentMethod())) {
            cards.describe(p.id()).ifPresent(pay -> {
                java.util.Map<String, Object> payment = new java.util.LinkedHashMap<>();
                payment.put("method", "card");
                payment.putAll(pay);
                m.put("payment", payment);
            });
        }
        return m;
    }

    @PostMapping("/api/v1/plays")
    public ResponseEntity<String> create(@RequestBody(required = false) byte[] body,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                         HttpServletRequest request) {
        PlayerPrincipal who = PlayerPrincipal.require(request);
        PlayRequest r = PlayRequest.parse(body);
        if (idempotencyKey != null && !idempotencyKey.trim().equalsIgnoreCase(r.requestId().toString())) {
            throw new ApiException(400, "idempotency_key_mismatch", "the Idempotency-Key header must equal requestId");
        }
        PlayService.Created c = service.create(who.userId(), r);
        return json(c.created() ? 201 : 200, view(c.play()));
    }

    @GetMapping("/api/v1/plays/{id}")
    public ResponseEntity<String> get(@PathVariable("id") String id, HttpServletRequest request) {
        PlayerPrincipal who = PlayerPrincipal.require(request);
        return json(200, view(own(who, id)));
    }

    @GetMapping("/api/v1/plays/user/{userId}")
    public ResponseEntity<String> list(@PathVariable("userId") String userId,
                                       @RequestParam(name = "limit", defaultValue = "20") int limit,
                                       @RequestParam(name = "offset", defaultValue = "0") int offset,
                                       HttpServletRequest request) {
        PlayerPrincipal who = PlayerPrincipal.require(request);
        UUID user;
        try {
            user = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw new ApiException(403, "forbidden", "players may list only their own plays");
        }
        if (!who.is(user)) throw new ApiException(403, "forbidden", "players may list only their own plays");
        if (limit < 1 || limit > PlayStore.MAX_PAGE) throw new ApiException(400, "invalid_request", "limit must be 1-" + PlayStore.MAX_PAGE);
        if (offset < 0 || offset > 100_000) throw new ApiException(400, "invalid_request", "offset must be 0-100000");
        return json(200, plays.listByUser(user, limit, offset).stream().map(this::view).toList());
    }

    @PostMapping("/api/v1/plays/{id}/cancel")
    public ResponseEntity<String> cancel(@PathVariable("id") String id, HttpServletRequest request) {
        PlayerPrincipal who = PlayerPrincipal.require(request);
        return json(200, view(service.cancel(who.userId(), own(who, id).id())));
    }

    private PlayRow own(PlayerPrincipal who, String id) {
        UUID playId;
        try {
            playId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "play_not_found", "no play " + id);
        }
        return plays.find(playId).filter(p -> who.is(p.userId()))
                .orElseThrow(() -> new ApiException(404, "play_not_found", "no play " + id));
    }

    private static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
