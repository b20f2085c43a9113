package dev.yantra.reconcile;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reconciliation service for the HTTP edge; the CLI builds its own over its database. */
@Configuration
public class ReconcileBeans {
    @Bean
    public ReconcileService reconcileService(DataSource dataSource, Clock clock) {
        return new ReconcileService(dataSource, clock, ReconcileLimits.DEFAULTS);
    }
}
