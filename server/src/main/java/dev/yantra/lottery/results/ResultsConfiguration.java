package dev.yantra.lottery.results;

import dev.yantra.admin.AdminAudit;
import dev.yantra.db.Database;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawStore;
import dev.yantra.lottery.ledger.PlayerLedger;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires results and settlement from plain classes; Spring stops here. */
@Configuration(proxyBeanMethods = false)
public class ResultsConfiguration {
    @Bean
    public ResultStore resultStore(Database db) {
        return new ResultStore(db.jdbc());
    }

    @Bean
    public Results lotteryResults(Database db, ResultStore store, DrawDirectory draws, DrawStore drawStore, PlayerLedger ledger,
                                  Clock clock) {
        return build(db, store, draws, drawStore, ledger, clock);
    }

    /** The same objects for a CLI run (no Spring there). */
    public static Results build(Database db, ResultStore store, DrawDirectory draws, DrawStore drawStore, PlayerLedger ledger,
                                Clock clock) {
        Settlement settlement = new Settlement(db.jdbc(), db.tx(), store, draws, drawStore, ledger, clock);
        return new Results(db.jdbc(), db.tx(), store, draws, drawStore, settlement, ledger, new AdminAudit(db.jdbc()), clock);
    }
}
