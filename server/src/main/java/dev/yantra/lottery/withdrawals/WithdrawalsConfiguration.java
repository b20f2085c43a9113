package dev.yantra.lottery.withdrawals;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.NodeClock;
import dev.yantra.db.Database;
import dev.yantra.lottery.ledger.PlayerLedger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link Withdrawals} from plain classes; the CLI builds the same object with {@link #build}. */
@Configuration(proxyBeanMethods = false)
public class WithdrawalsConfiguration {
    @Bean
    public Withdrawals lotteryWithdrawals(Database db, PlayerLedger ledger, AdminAudit audit) {
        return new Withdrawals(db.jdbc(), db.tx(), ledger, audit);
    }

    public static Withdrawals build(Database db) {
        AdminAudit audit = new AdminAudit(db.jdbc());
        return new Withdrawals(db.jdbc(), db.tx(), new PlayerLedger(db.jdbc(), audit, NodeClock.system()), audit);
    }
}
