package dev.yantra.security;

/** Who may reach a route. Each value names where its principal comes from. */
public enum Surface {
    /** Anyone: health, metrics, public proofs, the pages. */
    PUBLIC,
    /** A casino operator: the x-yantra-* signature checked by signing.InboundAuthFilter. */
    OPERATOR,
    /** Our staff: an admin bearer token checked by admin.AdminAuthFilter. */
    ADMIN,
    /**
     * A portal user signed in with password and second factor (Spring Security's session for /portal, configured by
     * portal.PortalSecurity): the authority {@link SurfaceGuard#PORTAL_AUTHORITY} must be on the request.
     */
    PORTAL,
    /**
     * A player or a counterparty whose credential the handler itself verifies before acting (a game session token,
     * a lottery player's JWT, a banca's webhook signature over the raw body): the handler refuses without it.
     */
    SELF_AUTHENTICATED
}
