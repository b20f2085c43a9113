/**
 * Owns the admin surface's identity and record: authentication of {@code /v1/admin/**} by bearer token
 * ({@link dev.yantra.admin.AdminAuthFilter}, against YANTRA_ADMIN_TOKENS, never an operator credential) and
 * admin_audit_log ({@link dev.yantra.admin.AdminAudit}), through which the admin API and the CLI both record who
 * changed what, so their rows look the same.
 *
 * <p>It is a shared mechanism, imported by every room that changes something, so it imports no feature: the admin
 * API over operators and credentials is {@code dev.yantra.operator.AdminController}; the incident levers and game configs over the admin API
 * are {@code dev.yantra.control}'s controller.
 */
package dev.yantra.admin;
