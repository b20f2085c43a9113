package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.forwarding.StuckPlayCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One run of {@code yantra lottery reconcile}: with --force-check first asks the banca about every play stuck
 * longer than --older-than (through {@link StuckPlayCheck}, which applies the answers), then compares every
 * play in scope — the day's, the named ones, and those just asked about — per banca with the core's
 * {@link BancaDay}, and stores the run unless it is a dry run.
 */
public final class LotteryReconciliation {
    /** A run compares at most this many plays; more is refused so the operator narrows the scope. */
    public static final int MAX_PLAYS = 200_000;
    /** A force-check asks about at most this many plays per run; the rest are left for the next run. */
    public static final int MAX_ASKS = 2_000;

    private final PlayFactsQuery query;
    private final ReconciliationRuns runs;
    private final CardPaymentSource cards;
    private final Clock clock;

    public LotteryReconciliation(org.springframework.jdbc.core.simple.JdbcClient jdbc, ReconciliationRuns runs, CardPaymentSource cards,
                                 Clock clock) {
        this.query = new PlayFactsQuery(jdbc);
        this.runs = runs;
        this.cards = cards;
        this.clock = clock;
    }

    /** {@code checker} is empty unless the scope force-checks; {@code progress} hears one line per asked play. */
    public RunReport run(ReconcileScope scope, String zone, Optional<StuckPlayCheck> checker, String runBy, Consumer<String> progress) {
        Instant started = clock.instant();
        List<String> warnings = new ArrayList<>();
        scope.bancaId().filter(id -> !query.bancaExists(id)).ifPresent(id ->
                warnings.add("no banca " + id + ": counted as no activity"));
        List<StuckPlayCheck.Result> checks = new ArrayList<>();
        int leftOver = 0;
        Map<UUID, Integer> unanswered = new HashMap<>();
        if (scope.forceCheck()) {
            StuckPlayCheck check = checker.orElseThrow(() -> new IllegalStateException("--force-check needs a StuckPlayCheck"));
            List<UUID> stuck = query.stuckPlays(scope, scope.olderThan(), MAX_ASKS + 1);
            if (stuck.size() > MAX_ASKS) {
                leftOver = stuck.size() - MAX_ASKS;
                stuck = stuck.subList(0, MAX_ASKS);
                warnings.add("more than " + MAX_ASKS + " stuck plays: the oldest " + MAX_ASKS + " were asked; run again for the rest");
            }
            for (UUID id : stuck) {
                StuckPlayCheck.Result r = check.check(id, scope.dryRun());
                checks.add(r);
                if (r.outcome() == StuckPlayCheck.Outcome.NO_ANSWER) unanswered.merge(id, 1, Integer::sum);
                progress.accept(r.playId() + " " + r.before() + " -> " + r.after() + " (" + r.outcome() + ", asked " + r.asked() + ")");
            }
        }
        Set<UUID> ids = new LinkedHashSet<>(query.playsOfScope(scope, MAX_PLAYS + 1));
        if (ids.size() > MAX_PLAYS) {
            throw new dev.yantra.config.UsageException("more than " + MAX_PLAYS + " plays in scope: narrow it with --banca-id or --request-ids");
        }
        checks.forEach(c -> ids.add(c.playId()));
        namedButMissing(scope, ids, warnings);
        List<BancaDay> days = compare(scope, new ArrayList<>(ids), unanswered);
        RunReport report = new RunReport(UUID.randomUUID(), scope, zone, checks, leftOver, days, warnings, started, clock.instant());
        if (!scope.dryRun()) runs.store(report, runBy);
        return report;
    }

    private List<BancaDay> compare(ReconcileScope scope, List<UUID> ids, Map<UUID, Integer> unanswered) {
        Map<UUID, List<PlayFacts>> byBanca = new LinkedHashMap<>();
        if (scope.requestIds().isEmpty()) query.bancasToReport(scope.bancaId()).forEach(b -> byBanca.put(b, new ArrayList<>()));
        for (PlayFacts p : query.facts(ids, unanswered, cards)) byBanca.computeIfAbsent(p.bancaId(), k -> new ArrayList<>()).add(p);
        List<BancaDay> days = new ArrayList<>(byBanca.size());
        byBanca.forEach((banca, plays) -> days.add(BancaDay.compare(banca, plays)));
        return days;
    }

    private void namedButMissing(ReconcileScope scope, Set<UUID> playIds, List<String> warnings) {
        if (scope.requestIds().isEmpty()) return;
        Set<UUID> found = new java.util.HashSet<>(query.requestIdsOf(playIds));
        List<UUID> missing = scope.requestIds().stream().filter(r -> !found.contains(r)).toList();
        if (!missing.isEmpty()) {
            warnings.add(missing.size() + " request id(s) match no play in scope: " + missing.stream().limit(20).map(UUID::toString)
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
    }
}
