package dev.yantra.jobs;

import dev.yantra.db.Database;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring wiring every queue shares: the list of queues the jobs CLI and admin API work on, and the transaction
 * template each queue's writes run in. Each queue's own runner is wired by its owner (the wallet queue in
 * {@code dev.yantra.walletjobs}, the banca and payment queues in the lottery rooms).
 */
@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {

    public static TransactionTemplate transactions(Database db) {
        return new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    /** Every AdminQueue bean (wallet, banca), for the jobs admin API. */
    @Bean
    public AdminQueues adminQueues(List<AdminQueue> queues) {
        return new AdminQueues(queues);
    }
}
