/**
 * Owns incident communication and the post-mortem draft: the one active banner per operator, incident_banners
 * ({@link dev.yantra.control.IncidentBanners}, kept in the control room beside the halts it is posted with; posted and cleared with audit rows; {@code yantra incident post|clear}
 * through {@link dev.yantra.ops.incident.IncidentCommand}), served publicly for the /play page and to the
 * authenticated operator at {@code /v1/incidents} ({@link dev.yantra.ops.incident.IncidentController}); and
 * {@link dev.yantra.ops.incident.IncidentReport}, which drafts the post-incident review for one operator and window
 * from what the database saw, with the figures defined in {@link dev.yantra.ops.incident.IncidentFigures}.
 *
 * <p>It only reads what other rooms wrote (breaker transitions, halts, wallet calls, jobs, bet refusals); the money
 * invariants it reports are {@code dev.yantra.round.MoneyInvariants}, and the banner over the admin API is posted
 * through {@code dev.yantra.control}. The review's steps are in docs/playbooks/rgs-incident-playbooks.md.
 */
package dev.yantra.ops.incident;
