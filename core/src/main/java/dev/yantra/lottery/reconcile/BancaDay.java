package dev.yantra.lottery.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One banca's plays of one day compared: the totals per currency, every difference, the status, and how many
 * card plays could not be checked against their payment (no payments facts given for them).
 */
public record BancaDay(UUID bancaId, int plays, Map<String, CurrencyTotals> totals, List<Difference> differences,
                       int cardPlaysUnchecked, ReconcileStatus status) {
    public BancaDay {
        Objects.requireNonNull(bancaId, "bancaId");
        totals = Map.copyOf(totals);
        differences = List.copyOf(differences);
    }

    public static BancaDay compare(UUID bancaId, List<PlayFacts> plays) {
        Map<String, CurrencyTotals> totals = new TreeMap<>();
        List<Difference> differences = new ArrayList<>();
        int unchecked = 0;
        for (PlayFacts p : plays) {
            if (!p.bancaId().equals(bancaId)) {
                throw new IllegalArgumentException("play " + p.playId() + " is of banca " + p.bancaId() + ", not " + bancaId);
            }
            totals.computeIfAbsent(p.currency(), CurrencyTotals::new).add(p);
            differences.addAll(PlayComparison.compare(p));
            if (p.cardPlay() && p.card().isEmpty()) unchecked++;
        }
        return new BancaDay(bancaId, plays.size(), totals, differences, unchecked, ReconcileStatus.worstOf(differences));
    }

    public long count(Severity s) {
        return differences.stream().filter(d -> d.severity() == s).count();
    }
}
