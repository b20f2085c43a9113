/**
 * Owns the investigator's evidence export: {@code yantra evidence export} writes the rows of a time window that a
 * security or money investigation needs (audit log, credential events without secrets, refused signatures and
 * webhooks, webhook events, banca calls, plays, the player ledger, bancas) as CSV files from one database snapshot,
 * with a SHA-256 manifest; {@code yantra evidence verify} re-checks a copy. docs/evidence-export.md.
 */
package dev.yantra.evidence;
