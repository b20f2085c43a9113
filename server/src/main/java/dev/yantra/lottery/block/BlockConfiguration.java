package dev.yantra.lottery.block;

import dev.yantra.admin.AdminAudit;
import dev.yantra.db.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of the address block; the classes themselves know nothing of Spring beyond the filter base class. */
@Configuration(proxyBeanMethods = false)
public class BlockConfiguration {

    @Bean
    public AddressBlocks addressBlocks(Database db) {
        return new AddressBlocks(db.jdbc(), db.tx(), new AdminAudit(db.jdbc()));
    }

    @Bean
    public AddressBlockList addressBlockList(Database db, PrometheusMeterRegistry registry) {
        return new AddressBlockList(db.jdbc(), registry);
    }

    @Bean
    public AddressBlockFilter addressBlockFilter(AddressBlockList list, PrometheusMeterRegistry registry) {
        return new AddressBlockFilter(list, registry);
    }
}
