package dev.yantra.ops.metrics;

import dev.yantra.round.port.SettlementObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The series the SLO recording rules of deploy/prometheus/alerts.yml read: bet_accept_latency_ms,
 * bets_total{outcome}, bet_to_settlement_ms and session_create_latency_ms, all per operator.
 *
 * <p>Holds nothing but the registry (Micrometer returns the already registered meter for the same name and tags),
 * so any number of instances over one registry share the same series. The bucket boundaries include each SLO's
 * threshold (300 and 800, 1500, 150): a latency SLO counts the events in the bucket at its threshold, and
 * Micrometer renders it as {@code le="300.0"}, which the rules' {@code le=~"300(\\.0)?"} accepts.
 */
public final class SloMeters implements SettlementObserver {
    public static final String ACCEPTED = "accepted";
    /** A legitimate refusal: limits, halted table, breaker open, the wallet says no funds. */
    public static final String REJECTED = "rejected";
    /** Our fault or unknown (wallet answer uncertain, internal error): spends the error budget. */
    public static final String ERROR = "error";
    static final List<String> OUTCOMES = List.of(ACCEPTED, REJECTED, ERROR);

    static final double[] BET_ACCEPT_BUCKETS = {5, 10, 25, 50, 100, 150, 200, 300, 500, 800, 1000, 2000, 5000, 10000};
    static final double[] SETTLEMENT_BUCKETS = {50, 100, 250, 500, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000,
            300000, 3600000};
    static final double[] SESSION_CREATE_BUCKETS = {5, 10, 25, 50, 100, 150, 250, 500, 1000, 2500, 5000};

    private final MeterRegistry registry;

    public SloMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Creates every series of these operators at 0, so rates and increase() see their first event. */
    public void preRegister(Collection<UUID> operators) {
        for (UUID op : operators) {
            String operator = op.toString();
            betAccept(operator);
            for (String outcome : OUTCOMES) bets(operator, outcome);
            settlement(operator);
            sessionCreate(operator);
        }
    }

    /** One bet answered: its latency, and (unless it replays an earlier answer) its outcome. */
    public void betAnswered(UUID operatorId, String outcome, Duration latency, boolean countOutcome) {
        String operator = operatorId.toString();
        betAccept(operator).record(millis(latency));
        if (countOutcome) bets(operator, outcome).increment();
    }

    public void sessionCreated(UUID operatorId, Duration latency) {
        sessionCreate(operatorId.toString()).record(millis(latency));
    }

    @Override
    public void settled(UUID operatorId, Instant resultAt, Instant confirmedAt) {
        if (resultAt == null) return;  // no RESULT (a voided round): not a settlement of an outcome
        settlement(operatorId.toString()).record(Math.max(0, millis(Duration.between(resultAt, confirmedAt))));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }

    private DistributionSummary betAccept(String operator) {
        return DistributionSummary.builder("bet_accept_latency_ms")
                .description("Bet request received to accepted or rejected answer sent, ms")
                .tag("operator", operator).serviceLevelObjectives(BET_ACCEPT_BUCKETS).register(registry);
    }

    private Counter bets(String operator, String outcome) {
        return Counter.builder("bets").description("Bets by outcome: accepted, rejected (legitimate refusal), error (ours or unknown)")
                .tags("operator", operator, "outcome", outcome).register(registry);
    }

    private DistributionSummary settlement(String operator) {
        return DistributionSummary.builder("bet_to_settlement_ms")
                .description("Round RESULT to the wallet's confirmation of each bet's final state, ms")
                .tag("operator", operator).serviceLevelObjectives(SETTLEMENT_BUCKETS).register(registry);
    }

    private DistributionSummary sessionCreate(String operator) {
        return DistributionSummary.builder("session_create_latency_ms")
                .description("Session create request to answer, ms")
                .tag("operator", operator).serviceLevelObjectives(SESSION_CREATE_BUCKETS).register(registry);
    }
}
