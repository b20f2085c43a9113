package dev.yantra.config;

import dev.yantra.signing.KeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 32-byte AES-256-GCM key for secrets at rest (YANTRA_MASTER_KEY, base64). With the embedded database the
 * key is generated once into $YANTRA_DATA_DIR/master.key (mode 0600), so a demo needs no setup; with an
 * external database it must come from the environment, because a key next to the data protects nothing.
 *
 * <p>During a master-key rotation YANTRA_MASTER_KEY_PREVIOUS (base64, 32 bytes) holds the key being replaced: it
 * opens what is still sealed under it, nothing new is sealed under it ({@link #ring}); docs/key-rotation.md.
 */
public final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    public static byte[] resolve(YantraEnv env) {
        if (env.masterKeyBase64().isPresent()) {
            return decode(env.masterKeyBase64().get());
        }
        if (!env.embedded()) {
            throw new UsageException("YANTRA_MASTER_KEY is required with DATABASE_URL (base64 of 32 bytes; e.g. `openssl rand -base64 32`)");
        }
        Path file = env.dataDir().resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim());
            }
            Files.createDirectories(env.dataDir());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            log.warn("generated a demo master key in {}; set YANTRA_MASTER_KEY in production", file);
            return key;
        } catch (IOException e) {
            throw new UnavailableException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The environment variable that holds the key being rotated out. */
    public static final String PREVIOUS_VAR = "YANTRA_MASTER_KEY_PREVIOUS";

    /** The key being rotated out, as configured (for a test or an embedding that does not use the process environment). */
    public record Previous(String base64) {
        @Override
        public String toString() {
            return "MasterKey.Previous[hidden]";
        }
    }

    /** The current key and, when YANTRA_MASTER_KEY_PREVIOUS is set in the process environment, the previous one. */
    public static KeyRing ring(YantraEnv env) {
        String previous = EnvVars.MASTER_KEY_PREVIOUS.read(EnvVars.process()).orElse(null);
        return ring(env, previous == null || previous.isBlank() ? null : new Previous(previous));
    }

    /** @param previous null when no rotation is under way */
    public static KeyRing ring(YantraEnv env, Previous previous) {
        byte[] current = resolve(env);
        if (previous == null) return KeyRing.of(current);
        byte[] old = decode(PREVIOUS_VAR, previous.base64());
        if (java.util.Arrays.equals(old, current)) {
            throw new UsageException(PREVIOUS_VAR + " is the same key as YANTRA_MASTER_KEY; unset it, or set YANTRA_MASTER_KEY to the new key");
        }
        return KeyRing.of(current, old);
    }

    static byte[] decode(String base64) {
        return decode("YANTRA_MASTER_KEY", base64);
    }

    private static byte[] decode(String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " is not valid base64");
        }
        if (key.length != 32) {
            throw new UsageException(name + " must decode to 32 bytes, was " + key.length);
        }
        return key;
    }
}
