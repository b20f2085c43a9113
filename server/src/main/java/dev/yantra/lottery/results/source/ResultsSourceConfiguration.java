package dev.yantra.lottery.results.source;

import dev.yantra.config.EnvVars;
import dev.yantra.db.Database;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawScheduler;
import dev.yantra.lottery.results.Results;
import dev.yantra.server.PhasedLifecycle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the results source; without RESULTS_SOURCE only the import (and its pre-registered metric) exists. */
@Configuration(proxyBeanMethods = false)
public class ResultsSourceConfiguration {
    @Bean
    public ResultsImport resultsImport(Database db, Results results, DrawDirectory draws, PrometheusMeterRegistry registry) {
        return new ResultsImport(db.jdbc(), results, draws, new LotteryCatalog(db.jdbc()), registry);
    }

    /** Starts the poller on every node when RESULTS_SOURCE is set; only the draw scheduler's leader polls. */
    @Bean
    public PhasedLifecycle resultsSourceLifecycle(ObjectProvider<ResultsSourceSettings> settings, ResultsImport importer,
                                                  DrawScheduler scheduler) {
        // RESULTS_SOURCE / RESULTS_POLL_SECONDS; a ResultsSourceSettings bean (tests) wins
        ResultsSourceSettings s = settings.getIfAvailable(() -> ResultsSourceSettings.fromEnv(EnvVars.process()));
        if (s.source().isEmpty()) return new PhasedLifecycle(PhasedLifecycle.DRAW_SCHEDULER, () -> { }, () -> { });
        ResultsSourcePoller poller = new ResultsSourcePoller(s.source().get(), s.pollEvery(), new ResultsSourceReader(), importer, scheduler);
        return new PhasedLifecycle(PhasedLifecycle.DRAW_SCHEDULER, poller::start, poller::close);
    }
}
