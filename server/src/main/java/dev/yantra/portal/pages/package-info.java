/**
 * Owns the pages of /portal: one controller per page (Thymeleaf templates under templates/portal/), each reading
 * through a scope-filtered query or calling the same service the CLI and the admin API call, with the signed-in
 * {@link dev.yantra.portal.PortalUser} as author. Every handler is {@code @Guarded(Surface.PORTAL)} except the
 * login, invitation and enrolment pages; every id a page is given is checked with
 * {@link dev.yantra.portal.PortalUser#requireOperator} before anything is read. How to add a page: docs/portal.md.
 */
package dev.yantra.portal.pages;
