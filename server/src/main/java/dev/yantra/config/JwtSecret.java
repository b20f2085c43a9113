package dev.yantra.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC key of the lottery's player JWTs (JWT_SECRET, used as its UTF-8 bytes, at least 32 of them, as the
 * system we replace used it, so its tokens keep verifying). Like the master key, the embedded-database demo
 * generates one once into $YANTRA_DATA_DIR/jwt.secret (mode 0600); with an external database a node that serves
 * the lottery refuses to start without it, because a guessable or per-node key would let anyone mint tokens.
 *
 * <p>Rotation with overlap: JWT_SECRET_PREVIOUS (the secret being replaced) verifies tokens, never signs, until
 * JWT_SECRET_PREVIOUS_UNTIL (an ISO-8601 instant) or, without it, {@link #DEFAULT_PREVIOUS_WINDOW} after the node
 * starts: two access-token lifetimes, enough for a rollout of up to one hour. docs/key-rotation.md.
 */
public final class JwtSecret {
    public static final int MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(JwtSecret.class);

    private JwtSecret() {
    }

    public static byte[] resolve(YantraEnv env) {
        if (env.jwtSecret().isPresent()) {
            return validate(env.jwtSecret().get());
        }
        if (!env.embedded()) {
            throw new UsageException("JWT_SECRET is required where the lottery surface runs (YANTRA_SURFACES="
                    + env.surfaces() + "): at least " + MIN_BYTES + " bytes, e.g. `openssl rand -base64 48`");
        }
        Path file = env.dataDir().resolve("jwt.secret");
        try {
            if (Files.exists(file)) {
                return validate(Files.readString(file).trim());
            }
            Files.createDirectories(env.dataDir());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getEncoder().encodeToString(random);
            Files.writeString(file, secret + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            log.warn("generated a demo JWT secret in {}; set JWT_SECRET in production", file);
            return secret.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnavailableException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    public static final java.time.Duration DEFAULT_PREVIOUS_WINDOW = java.time.Duration.ofHours(2);

    /** The secret being rotated out and when it stops verifying. */
    public record Previous(byte[] secret, java.time.Instant until) {
        @Override
        public String toString() {
            return "JwtSecret.Previous[until=" + until + "]";   // never the secret
        }
    }

    /**
     * JWT_SECRET_PREVIOUS and its window from the environment; empty when it is not set.
     *
     * @param now when the window starts if JWT_SECRET_PREVIOUS_UNTIL does not say when it ends
     */
    public static java.util.Optional<Previous> previous(java.util.Map<String, String> vars, java.time.Instant now) {
        String raw = EnvVars.JWT_SECRET_PREVIOUS.read(vars).orElse(null);
        if (raw == null || raw.isEmpty()) return java.util.Optional.empty();
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new UsageException("JWT_SECRET_PREVIOUS must be at least " + MIN_BYTES + " bytes, was " + bytes.length);
        }
        String until = EnvVars.JWT_SECRET_PREVIOUS_UNTIL.read(vars).orElse(null);
        java.time.Instant end;
        if (until == null || until.isBlank()) {
            end = now.plus(DEFAULT_PREVIOUS_WINDOW);
        } else {
            try {
                end = java.time.Instant.parse(until.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new UsageException("JWT_SECRET_PREVIOUS_UNTIL must be an ISO-8601 instant such as 2026-12-02T06:00:00Z, was '" + until + "'");
            }
        }
        return java.util.Optional.of(new Previous(bytes, end));
    }

    static byte[] validate(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new UsageException("JWT_SECRET must be at least " + MIN_BYTES + " bytes, was " + bytes.length);
        }
        return bytes;
    }
}
