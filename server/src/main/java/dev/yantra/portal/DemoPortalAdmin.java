package dev.yantra.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The demo's portal login: a platform admin {@value #USERNAME} with a generated password and an enrolled TOTP
 * secret, made on the first {@code yantra demo} of a data dir and kept in {@code $YANTRA_DATA_DIR/portal-demo-admin}
 * (mode 0600) so every later start prints the same login. A demo only: real users come from
 * {@code yantra portal user create|invite}.
 */
public final class DemoPortalAdmin {
    public static final String USERNAME = "demo-admin";
    static final String FILE = "portal-demo-admin";

    public record Login(String username, String password, String totpSecret) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    private DemoPortalAdmin() {
    }

    public static Login ensure(PortalUsers users, SecondFactor factor, Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (users.find(USERNAME).isPresent() && Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                return new Login(USERNAME, lines.get(0), lines.get(1));
            }
            if (users.find(USERNAME).isPresent()) {
                throw new IllegalStateException("portal user " + USERNAME + " exists but " + file + " is gone: "
                        + "`yantra portal user reset-mfa " + USERNAME + "` or create another user with `yantra portal user create`");
            }
            String password = PortalCommand.generated();
            PortalUser u = users.create(USERNAME, password, PortalRole.PLATFORM_ADMIN, null, "yantra demo");
            String secret = factor.enrolNow(u.id(), u.username(), "yantra demo").secret();
            Files.createDirectories(dataDir);
            Files.writeString(file, password + "\n" + secret + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file is as private as its directory
            }
            return new Login(USERNAME, password, secret);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the demo portal login in " + file + ": " + e.getMessage(), e);
        }
    }
}
