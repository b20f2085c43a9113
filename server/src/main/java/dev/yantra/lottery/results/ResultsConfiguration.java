package dev.yantra.lottery.results;

import dev.yantra.admin.AdminAudit;
import dev.yantra.db.Database;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawStore;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.draw.DrawScheduler;
import dev.yantra.server.PhasedLifecycle;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires results and settlement from plain classes; Spring stops here. The sweep settles, on the draw scheduler's
 * leader, draws that stayed RESULTED (plays still pending at the banca when the result was entered).
 */
@Configuration(proxyBeanMethods = false)
public class ResultsConfiguration {
    @Bean
    public ResultStore resultStore(Database db) {
        return new ResultStore(db.jdbc());
    }

    @Bean
    public Settlement lotterySettlement(Database db, ResultStore store, DrawDirectory draws, DrawStore drawStore,
                                        PlayerLedger ledger, Clock clock) {
        return new Settlement(db.jdbc(), db.tx(), store, draws, drawStore, ledger, clock);
    }

    @Bean
    public Results lotteryResults(Database db, ResultStore store, DrawDirectory draws, DrawStore drawStore, Settlement settlement,
                                  PlayerLedger ledger, Clock clock) {
        return new Results(db.jdbc(), db.tx(), store, draws, drawStore, settlement, ledger, new AdminAudit(db.jdbc()), clock);
    }

    @Bean
    public SettlementSweep settlementSweep(Database db, Settlement settlement, DrawScheduler scheduler) {
        return new SettlementSweep(db.jdbc(), settlement, scheduler, Duration.ofSeconds(5));
    }

    @Bean
    public PhasedLifecycle settlementSweepLifecycle(SettlementSweep sweep) {
        return new PhasedLifecycle(PhasedLifecycle.DRAW_SCHEDULER, sweep::start, sweep::close);
    }

    /** The same objects for a CLI run (no Spring there). */
    public static Results build(Database db, ResultStore store, DrawDirectory draws, DrawStore drawStore, PlayerLedger ledger,
                                Clock clock) {
        Settlement settlement = new Settlement(db.jdbc(), db.tx(), store, draws, drawStore, ledger, clock);
        return new Results(db.jdbc(), db.tx(), store, draws, drawStore, settlement, ledger, new AdminAudit(db.jdbc()), clock);
    }
}
