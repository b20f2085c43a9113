package dev.yantra.round;

import dev.yantra.session.SeedHashSource;
import java.util.Optional;
import java.util.UUID;

/** The serverSeedHash a new session shows: that of the table's round in flight (s_{k-1}, public by design). */
public final class TableSeedHashSource implements SeedHashSource {
    private final TableDirectory tables;
    private final RoundStore rounds;

    public TableSeedHashSource(TableDirectory tables, RoundStore rounds) {
        this.tables = tables;
        this.rounds = rounds;
    }

    @Override
    public Optional<String> currentSeedHash(UUID operatorId, String gameCode, String currency) {
        return tables.find(operatorId, gameCode, currency)
                .flatMap(t -> rounds.findInFlight(t.tableId()))
                .map(RoundRow::serverSeedHash);
    }
}
