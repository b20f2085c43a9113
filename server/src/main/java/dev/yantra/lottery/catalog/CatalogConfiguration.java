package dev.yantra.lottery.catalog;

import dev.yantra.db.Database;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the catalog from plain classes; Spring stops here. */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {
    @Bean
    public LotteryCatalog lotteryCatalog(Database db) {
        return new LotteryCatalog(db.jdbc());
    }
}
