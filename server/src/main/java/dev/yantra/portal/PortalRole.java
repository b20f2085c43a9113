package dev.yantra.portal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The roles and what each may do, kept as data so the matrix is read in one place (docs/portal.md repeats it).
 * Platform roles are ours and see every operator; the others belong to exactly one operator and see only it.
 */
public enum PortalRole {
    PLATFORM_ADMIN(true, EnumSet.allOf(Permission.class)),
    PLATFORM_SUPPORT(true, EnumSet.of(Permission.READ, Permission.HANDLE_JOBS, Permission.POST_BANNER, Permission.EXPORT)),
    OPERATOR_ADMIN(false, EnumSet.of(Permission.READ, Permission.MANAGE_USERS, Permission.MANAGE_CREDENTIALS,
            Permission.EDIT_GAME_CONFIG, Permission.POST_BANNER, Permission.HALT_OPERATOR)),
    OPERATOR_FINANCE(false, EnumSet.of(Permission.READ, Permission.EXPORT)),
    OPERATOR_SUPPORT(false, EnumSet.of(Permission.READ, Permission.POST_BANNER)),
    OPERATOR_READ_ONLY(false, EnumSet.of(Permission.READ));

    private final boolean platform;
    private final Set<Permission> permissions;

    PortalRole(boolean platform, Set<Permission> permissions) {
        this.platform = platform;
        this.permissions = permissions;
    }

    public boolean platform() {
        return platform;
    }

    public boolean can(Permission p) {
        return permissions.contains(p);
    }

    /** The role named on a command line or a form: platform-admin, operator-read-only, ... (case and - or _ free). */
    public static PortalRole parse(String raw) {
        String name = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PortalRole r : values()) {
            if (r.name().equals(name)) return r;
        }
        throw new IllegalArgumentException("unknown portal role '" + raw + "': one of platform-admin, platform-support, "
                + "operator-admin, operator-finance, operator-support, operator-read-only");
    }

    /** How people read it: platform-admin, operator-finance, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a user of this role, scoped to {@code ownOperator}, may grant {@code other} for {@code operator}. */
    public boolean mayGrant(PortalRole other, java.util.UUID ownOperator, java.util.UUID operator) {
        if (this == PLATFORM_ADMIN) return true;
        return this == OPERATOR_ADMIN && !other.platform && ownOperator.equals(operator);
    }
}
