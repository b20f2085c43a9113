package dev.yantra.play;

import dev.yantra.control.ControlPlane;
import dev.yantra.db.Database;
import dev.yantra.games.GameRegistry;
import dev.yantra.control.IncidentBanners;
import dev.yantra.round.BetStore;
import dev.yantra.round.RoundStore;
import dev.yantra.round.Settlement;
import dev.yantra.round.TableDirectory;
import dev.yantra.round.port.BreakerPort;
import dev.yantra.round.port.OperatorDirectory;
import dev.yantra.round.port.WalletPort;
import dev.yantra.server.PhasedLifecycle;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PlayConfiguration {
    /** The one builder of a table's public state, for the SSE feed and the REST state alike. */
    @Bean
    public TableStates tableStates(RoundStore rounds, Clock clock, ObjectProvider<ControlPlane> control, BreakerPort breaker,
                                   OperatorDirectory operators, Database db) {
        return new TableStates(rounds, clock, control.getIfAvailable(), breaker, operators, new IncidentBanners(db.jdbc()));
    }

    @Bean
    public PlayHistory playHistory(Database db) {
        return new PlayHistory(db.jdbc());
    }

    @Bean
    public Launches launches(Database db) {
        return new Launches(db.jdbc());
    }

    @Bean(destroyMethod = "close")
    public PlayEvents playEvents(RoundStore rounds, TableDirectory tables, TableStates states) {
        return new PlayEvents(rounds, tables, states);
    }

    /**
     * Ends the players' event streams on shutdown after the tables stopped (phase below the table engine's, so
     * the last result still goes out) and before the web server's graceful shutdown, which would otherwise wait
     * for every open stream until the grace period runs out (a /play tab kept a SIGTERM waiting 45 s).
     */
    @Bean
    public PhasedLifecycle playStreamsLifecycle(PlayEvents events) {
        return new PhasedLifecycle(PhasedLifecycle.PLAY_STREAMS, () -> { }, events::close);
    }

    /** Bets refused before they have a row, for the incident report (batched; see the class for why). */
    @Bean(destroyMethod = "close")
    public BetRefusalWriter betRefusalWriter(Database db, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        return new BetRefusalWriter(db.jdbc(), clock, meters);
    }

    @Bean
    public BetService betService(Database db, BetStore bets, RoundStore rounds, TableDirectory tables, GameRegistry games,
                                 OperatorDirectory operators, WalletPort wallet, BreakerPort breaker,
                                 Settlement settlement, ObjectProvider<ControlPlane> control, BetRefusalWriter refusals) {
        return new BetService(db.tx(), bets, rounds, tables, games, operators, wallet, breaker, settlement,
                control.getIfAvailable(), refusals);
    }
}
