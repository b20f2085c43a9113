/**
 * Owns the playbooks' triage as code, {@code yantra triage <topic>} ({@link dev.yantra.ops.triage.TriageCommand}):
 * each topic runs its playbook section's queries, read-only, and ends with the mitigation commands with the ids filled
 * in ({@link dev.yantra.ops.triage.TriageReport}, as text tables or one JSON document). The RGS sections of
 * docs/playbooks/rgs-incident-playbooks.md are {@link dev.yantra.ops.triage.Triage}, with the reconciliation mismatch
 * in {@code ReconcileTriage}; the lottery sections of docs/playbooks/lottery-incident-runbook.md
 * are {@link dev.yantra.ops.triage.LotteryTriage}.
 *
 * <p>It changes nothing: the mitigations it prints are other rooms' commands ({@code dev.yantra.control},
 * {@code dev.yantra.jobs}, {@code dev.yantra.operator}, {@code dev.yantra.reconcile}, ...), and the reconciliation it
 * runs is {@code dev.yantra.reconcile}'s.
 */
package dev.yantra.ops.triage;
