package dev.yantra.lottery.player;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** BCrypt (spring-security-crypto) at {@link #STRENGTH}; see the package doc for why BCrypt. */
final class PasswordHasher {
    /** 2^11 rounds: ~100 ms on one core, slow for a guesser and bearable for a login. */
    static final int STRENGTH = 11;
    static final int MIN_BYTES = 8;
    /** BCrypt reads no more than this; longer passwords are refused instead of cut silently. */
    static final int MAX_BYTES = 72;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(STRENGTH);
    /** Compared against when the phone is unknown, so a miss costs the same time as a wrong password. */
    private final String decoy = bcrypt.encode("decoy-password-never-matches");

    String hash(String password) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) throw PlayerApiErrors.of(400, "weak_password");
        return bcrypt.encode(password);
    }

    boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return false;
        return bcrypt.matches(password, hash);
    }

    /** Spends a comparison's time for a phone with no account; always false. */
    boolean burn(String password) {
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) bcrypt.matches(password, decoy);
        return false;
    }
}
