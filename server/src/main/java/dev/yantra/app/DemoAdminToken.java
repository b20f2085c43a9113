package dev.yantra.app;

import dev.yantra.config.UnavailableException;
import dev.yantra.config.YantraEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's admin token: YANTRA_ADMIN_TOKENS when set, otherwise one generated once into
 * $YANTRA_DATA_DIR/admin.token (mode 0600) under the name {@code demo-admin}, so the admin API of a demo is usable
 * and its audit rows carry a name. The demo prints the token and the file.
 */
record DemoAdminToken(YantraEnv env, String name, String token, Path file) {
    static final String NAME = "demo-admin";

    static DemoAdminToken resolve(YantraEnv env) {
        if (env.adminTokens().isPresent()) return new DemoAdminToken(env, null, null, null);
        Path file = env.dataDir().resolve("admin.token");
        try {
            String token;
            if (Files.exists(file)) {
                token = Files.readString(file).trim();
            } else {
                Files.createDirectories(env.dataDir());
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                Files.writeString(file, token + "\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return new DemoAdminToken(env.withAdminTokens(NAME + ":" + token), NAME, token, file);
        } catch (IOException e) {
            throw new UnavailableException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    String describe() {
        if (token == null) return "tokens from YANTRA_ADMIN_TOKENS";
        return "Authorization: Bearer " + token + "  (name " + name + ", kept in " + file + ")";
    }
}
