package dev.yantra.portal;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

/**
 * A signed-in portal user as the pages see it: its role and the one operator it belongs to (none for platform
 * roles, which see all). Kept in the session (hence Serializable); {@link #sees} and {@link #requireOperator} are
 * the scope check every page applies to an id it was given.
 */
public record PortalUser(UUID id, String username, PortalRole role, UUID operatorId) implements Serializable, java.security.Principal {
    @Serial
    private static final long serialVersionUID = 1L;

    public PortalUser {
        if (role.platform() != (operatorId == null)) {
            throw new IllegalArgumentException("a " + role.label() + " user must " + (role.platform() ? "not " : "") + "name an operator");
        }
    }

    /** The principal's name, which Spring Session indexes each session row by (so revocation finds them). */
    @Override
    public String getName() {
        return username;
    }

    /** The audit author of everything this user does. */
    public String changedBy() {
        return "portal:" + username;
    }

    public boolean can(Permission p) {
        return role.can(p);
    }

    /** Refuses (403) an action the role does not grant. */
    public void require(Permission p) {
        if (!can(p)) throw new Denied(role.label() + " may not " + p.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    /** Whether rows of {@code operator} are this user's to see. */
    public boolean sees(UUID operator) {
        return role.platform() || (operator != null && operator.equals(operatorId));
    }

    /**
     * The operator a page was asked about, if this user may see it; otherwise 404, the same answer as for an id that
     * does not exist, so an operator user learns nothing about another operator's ids.
     */
    public UUID requireOperator(UUID operator) {
        if (!sees(operator)) throw new NotVisible();
        return operator;
    }

    /** The operator to filter a list by: the user's own, or the one asked for (platform users), or none = all. */
    public Optional<UUID> operatorFilter(UUID asked) {
        if (!role.platform()) return Optional.of(operatorId);
        return Optional.ofNullable(asked);
    }

    /** 403: the role does not grant the action. */
    public static final class Denied extends RuntimeException {
        public Denied(String message) {
            super(message);
        }
    }

    /** 404: nothing of that id within the user's scope. */
    public static final class NotVisible extends RuntimeException {
        public NotVisible() {
            super("not found");
        }
    }
}
