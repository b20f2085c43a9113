package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.forwarding.StuckPlayCheck;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One run: its scope, what the force-check did to each stuck play it asked about, the comparison per banca, and
 * warnings for a person (an unknown banca, named request ids with no play, plays left for the next run).
 * Its status is the worst banca's; its exit code that status's.
 */
public record RunReport(UUID runId, ReconcileScope scope, String zone, List<StuckPlayCheck.Result> checks, int stuckLeftOver,
                        List<BancaDay> bancas, List<String> warnings, Instant startedAt, Instant finishedAt) {
    public RunReport {
        Objects.requireNonNull(runId, "runId");
        checks = List.copyOf(checks);
        bancas = List.copyOf(bancas);
        warnings = List.copyOf(warnings);
    }

    public ReconcileStatus status() {
        ReconcileStatus s = ReconcileStatus.MATCH;
        for (BancaDay b : bancas) s = s.worst(b.status());
        return s;
    }

    public int exitCode() {
        return status().exitCode();
    }

    public int playsCompared() {
        return bancas.stream().mapToInt(BancaDay::plays).sum();
    }

    public long count(Severity s) {
        return bancas.stream().mapToLong(b -> b.count(s)).sum();
    }

    public long resolved() {
        return checks.stream().filter(c -> c.outcome().moved()).count();
    }
}
