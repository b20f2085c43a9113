/**
 * Owns the operator portal's people and their doors: portal_users (one role each, platform or one operator's),
 * portal_recovery_codes, portal_invitations and portal_sessions (Spring Session's JDBC tables, so any node serves a
 * session and a revoked one is gone everywhere). Login is password (BCrypt) plus a TOTP code
 * ({@link dev.yantra.portal.Totp}, RFC 6238) or a recovery code; five failures lock the user for 15 minutes; a user
 * without a confirmed second factor reaches only enrolment. {@link dev.yantra.portal.PortalRole} holds the permission
 * matrix as data, {@link dev.yantra.portal.PortalUser} the scope every page query is filtered by.
 *
 * <p>The pages themselves live in {@code portal.pages}; they change nothing directly but call the same services as
 * the CLI and the admin API, with changed_by = {@code portal:<username>}. See docs/portal.md.
 */
package dev.yantra.portal;
