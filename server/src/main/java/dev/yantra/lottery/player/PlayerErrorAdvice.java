package dev.yantra.lottery.player;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.lottery.money.InvalidAmountException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The lottery's API errors: the same {"error","message"} body as the rest of Yantra, with the message of a code
 * listed in {@link PlayerMessages} in the caller's language (Spanish or English by Accept-Language), and
 * Retry-After on a 429. Runs before the general advice, for controllers under dev.yantra.lottery only (the plays
 * API's insufficient_funds or player_excluded come out in Spanish too); everything else falls through to it.
 */
@RestControllerAdvice(basePackages = "dev.yantra.lottery")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PlayerErrorAdvice {

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<String> api(ApiException e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e instanceof PlayerApiErrors.TooManyAttempts t) b.header("Retry-After", Long.toString(t.retryAfterSeconds()));
        String message = PlayerMessages.text(e.error(), PlayerMessages.languageOf(request), e.getMessage());
        return b.body(Json.error(e.error(), message));
    }

    @ExceptionHandler(InvalidAmountException.class)
    public ResponseEntity<String> amount(InvalidAmountException e) {
        return ResponseEntity.status(400).contentType(MediaType.APPLICATION_JSON).body(Json.error(e.code(), e.getMessage()));
    }
}
