/**
 * Owns what every request passes before any feature sees it: the path is canonical
 * ({@link dev.yantra.security.CanonicalPathFilter}, Spring Security's {@code StrictHttpFirewall} configured to refuse
 * every {@code %} escape), every route declares which surface guards it ({@link dev.yantra.security.Guarded}), and
 * {@link dev.yantra.security.SurfaceGuard} refuses a handler whose surface's principal is absent — so a filter
 * skipped by some spelling of a path can never open a handler. HTML pages get their CSP and framing rules from
 * {@link dev.yantra.security.PageHeaders}. Who signed an operator request is
 * {@link dev.yantra.security.AuthenticatedOperator}, put on the request by {@code dev.yantra.inbound}.
 *
 * <p>Authentication itself stays with each surface's room (admin tokens in {@code admin}, operator signatures in
 * {@code inbound}, player tokens in {@code play} and the lottery's player room); this room only decides that it
 * happened.
 */
package dev.yantra.security;
