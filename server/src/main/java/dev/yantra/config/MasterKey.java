package dev.yantra.config;

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

    static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("YANTRA_MASTER_KEY is not valid base64");
        }
        if (key.length != 32) {
            throw new UsageException("YANTRA_MASTER_KEY must decode to 32 bytes, was " + key.length);
        }
        return key;
    }
}
