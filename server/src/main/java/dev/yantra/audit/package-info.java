/**
 * Owns the audit tables' hash chain: each row of admin_audit_log and operator_config_audit_log carries the hash of
 * the row before it (linked by the database, migration V220, whoever inserts), and
 * {@link dev.yantra.audit.AuditChain} re-computes every link to find the first row edited or deleted by SQL;
 * {@code yantra audit verify} runs it. What writes audit rows stays with each feature
 * ({@code dev.yantra.admin.AdminAudit}, the config trigger). docs/audit-chain.md.
 */
package dev.yantra.audit;
