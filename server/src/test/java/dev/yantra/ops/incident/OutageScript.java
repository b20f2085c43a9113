package dev.yantra.ops.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the outage script did, in its own words: the report must come to the same numbers from the database. */
final class OutageScript {
    Instant from;
    Instant downAt;
    Instant resultSeenAt;
    Instant upAt;
    Instant to;
    final Map<String, Long> rejectedByReason = new LinkedHashMap<>();
    final Set<String> rejectedPlayers = new LinkedHashSet<>();
    final Set<String> owedWinners = new LinkedHashSet<>();
    /** Breaker transitions as the node's breaker announced them, in order (written from the breaker's threads). */
    final List<String> transitions = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Stakes of bets that went UNCERTAIN (their player saw wallet_uncertain): each waits for a rollback. */
    long uncertainStakeMicro;

    void rejected(String player, String reason, long stakeMicro) {
        rejectedByReason.merge(reason, 1L, Long::sum);
        if (reason.equals("wallet_uncertain")) uncertainStakeMicro += stakeMicro;
        rejectedPlayers.add(player);
    }

    void transition(String fromTo) {
        transitions.add(fromTo);
    }

    long rejectedCount() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    Set<String> affectedPlayers() {
        Set<String> all = new LinkedHashSet<>(rejectedPlayers);
        all.addAll(owedWinners);
        return all;
    }
}
