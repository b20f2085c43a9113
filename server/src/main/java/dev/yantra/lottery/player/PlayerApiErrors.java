package dev.yantra.lottery.player;

import dev.yantra.api.ApiException;

/**
 * The player API's refusals, each with its fixed code and the English sentence of {@link PlayerMessages};
 * {@link PlayerErrorAdvice} puts the sentence in the caller's language on the way out.
 */
public final class PlayerApiErrors {
    private PlayerApiErrors() {
    }

    public static ApiException of(int status, String code) {
        return new ApiException(status, code, PlayerMessages.english(code));
    }

    public static ApiException invalidPhone() {
        return of(400, "invalid_phone");
    }

    public static ApiException forbidden() {
        return of(403, "forbidden");
    }

    /** 429 with the seconds after which a new attempt may succeed (sent as Retry-After). */
    public static final class TooManyAttempts extends ApiException {
        private final long retryAfterSeconds;

        public TooManyAttempts(long retryAfterSeconds) {
            super(429, "too_many_attempts", PlayerMessages.english("too_many_attempts"));
            this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
