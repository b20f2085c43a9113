package dev.yantra.play;

import dev.yantra.control.ControlPlane;
import dev.yantra.db.Database;
import dev.yantra.games.GameRegistry;
import dev.yantra.round.BetStore;
import dev.yantra.round.RoundStore;
import dev.yantra.round.Settlement;
import dev.yantra.round.TableDirectory;
import dev.yantra.round.port.BreakerPort;
import dev.yantra.round.port.OperatorDirectory;
import dev.yantra.round.port.WalletPort;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PlayConfiguration {
    @Bean
    public TableStates tableStates(RoundStore rounds, Clock clock) {
        return new TableStates(rounds, clock);
    }

    @Bean(destroyMethod = "close")
    public PlayEvents playEvents(RoundStore rounds, TableDirectory tables, TableStates states) {
        return new PlayEvents(rounds, tables, states);
    }

    @Bean
    public BetService betService(Database db, BetStore bets, RoundStore rounds, TableDirectory tables, GameRegistry games,
                                 OperatorDirectory operators, WalletPort wallet, BreakerPort breaker,
                                 Settlement settlement, ObjectProvider<ControlPlane> control) {
        return new BetService(db.tx(), bets, rounds, tables, games, operators, wallet, breaker, settlement,
                control.getIfAvailable());
    }
}
