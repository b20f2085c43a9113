package dev.yantra.lottery.player;

import dev.yantra.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.UUID;

/**
 * The player a request acts for, taken from a verified access token by {@link PlayerAuthFilter}. Handlers call
 * {@link #require} rather than reading the attribute, so a handler reached without a verified token (a path the
 * filter was told to skip, a misconfigured node) refuses with 401 instead of acting for nobody.
 */
public record PlayerPrincipal(UUID userId, String phone, String email, String role) {
    /** The request attribute the filter sets; only the filter writes it. */
    public static final String ATTRIBUTE = "yantra.playerPrincipal";
    public static final String ROLE_PLAYER = "player";

    public PlayerPrincipal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(role, "role");
    }

    /** The verified principal of this request, or the API's 401 {@code invalid_token}. */
    public static PlayerPrincipal require(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof PlayerPrincipal p) return p;
        throw new ApiException(401, "invalid_token", PlayerMessages.text("invalid_token", request));
    }

    /**
     * The user id of a path such as /users/{id}/… when it is this principal's own; 403 {@code forbidden}
     * otherwise, an id that is not a UUID included (it cannot be anyone's own).
     */
    public UUID own(String pathUserId) {
        try {
            UUID userId = UUID.fromString(pathUserId);
            if (is(userId)) return userId;
        } catch (IllegalArgumentException notUuid) {
            // falls through to the refusal
        }
        throw PlayerApiErrors.forbidden();
    }

    /** True when this principal is the player {@code userId}. */
    public boolean is(UUID otherUserId) {
        return userId.equals(otherUserId);
    }
}
