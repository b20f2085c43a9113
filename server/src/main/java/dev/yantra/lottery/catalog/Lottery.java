package dev.yantra.lottery.catalog;

import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.lottery.schedule.DrawSchedule;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One lottery of the catalog as stored. {@code betTypes} are wire names ({@code quiniela}, {@code pale}, ...);
 * {@code payoutTable} and {@code schedule} are the map forms of the core's PayoutTable and DrawSchedule (the
 * JSON columns); {@code defaultBancaId} may be null (plays then need a bancaId of their own).
 */
public record Lottery(String id, String name, ZoneId zone, int closeMinutes, Set<String> betTypes,
                      Map<String, Object> payoutTable, boolean hasPick3, UUID defaultBancaId,
                      long minAmountMicro, long maxAmountMicro, List<String> currencies, boolean enabled,
                      Map<String, Object> schedule) {
    public Lottery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        if (closeMinutes < 0) throw new IllegalArgumentException("closeMinutes must be >= 0, was " + closeMinutes);
        if (minAmountMicro <= 0) throw new IllegalArgumentException("minAmountMicro must be > 0, was " + minAmountMicro);
        if (maxAmountMicro < minAmountMicro) {
            throw new IllegalArgumentException("maxAmountMicro must be >= minAmountMicro (" + minAmountMicro + "), was " + maxAmountMicro);
        }
        betTypes = Set.copyOf(betTypes);
        payoutTable = Map.copyOf(payoutTable);
        currencies = List.copyOf(currencies);
        schedule = Map.copyOf(schedule);
    }

    /** The schedule column read as the core's DrawSchedule (in this lottery's zone). */
    public DrawSchedule drawSchedule() {
        return DrawSchedule.fromMap(schedule, zone);
    }

    /** The payout table column read as the core's PayoutTable. */
    public PayoutTable payouts() {
        return PayoutTable.fromMap(payoutTable);
    }

    public boolean offers(String betTypeWire) {
        return betTypes.contains(betTypeWire);
    }
}
