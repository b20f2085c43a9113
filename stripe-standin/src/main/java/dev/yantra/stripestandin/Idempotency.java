package dev.yantra.stripestandin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe's idempotent requests: the first answer to a POST with an {@code Idempotency-Key} is kept, and a repeat
 * with the same key and the same method, path and parameters gets it again (header {@code Idempotent-Replayed:
 * true}); the same key with anything else is 400 {@code idempotency_error}. As on Stripe, an answer is not kept
 * when the call failed validation before any work or Stripe itself failed (5xx), so such a call can be retried.
 * Guarded by the caller's lock. Keys are kept for the stand-in's life (Stripe keeps them 24 hours).
 */
final class Idempotency {
    record Saved(String method, String path, Map<String, String> params, int status, byte[] body) {
    }

    private final Map<String, Saved> saved = new LinkedHashMap<>();

    /** The kept answer for this key, null when there is none; a mismatching reuse throws. */
    Saved replay(String key, String method, String path, Map<String, String> params) {
        Saved s = saved.get(key);
        if (s == null) return null;
        if (!s.method().equals(method) || !s.path().equals(path) || !s.params().equals(params)) {
            throw StripeError.idempotency("Keys for idempotent requests can only be used with the same parameters they were first used with. "
                    + "Try using a key other than '" + key + "' if you meant to execute a different request.");
        }
        return s;
    }

    void keep(String key, Saved answer) {
        saved.put(key, answer);
    }
}
