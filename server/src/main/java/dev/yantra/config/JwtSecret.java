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

    static byte[] validate(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new UsageException("JWT_SECRET must be at least " + MIN_BYTES + " bytes, was " + bytes.length);
        }
        return bytes;
    }
}
