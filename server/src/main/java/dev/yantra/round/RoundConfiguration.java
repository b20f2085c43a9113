package dev.yantra.round;

import dev.yantra.config.EnvVars;
import dev.yantra.config.NodeClock;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.fairness.SeedCipher;
import dev.yantra.fairness.web.RngSelfTest;
import dev.yantra.games.GameRegistry;
import dev.yantra.ops.BuildInfo;
import dev.yantra.round.port.BreakerPort;
import dev.yantra.server.PhasedLifecycle;
import dev.yantra.operator.CredentialStore;
import dev.yantra.wallet.WalletClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.yantra.round.port.JobPort;
import dev.yantra.round.port.OperatorDirectory;
import dev.yantra.round.port.SessionDirectory;
import dev.yantra.session.SessionStore;
import dev.yantra.round.port.WalletPort;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the table engine from plain classes; Spring stops here. */
@Configuration(proxyBeanMethods = false)
public class RoundConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RoundConfiguration.class);
    /** Rounds per chain; a day of 22 s rounds is ~4,000. Env TABLE_CHAIN_LENGTH for tests of chain rollover. */
    static final int DEFAULT_CHAIN_LENGTH = EnvVars.TABLE_CHAIN_LENGTH.defaultValue();

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return NodeClock.system();
    }

    @Bean
    @ConditionalOnMissingBean
    public GameRegistry gameRegistry() {
        return GameRegistry.standard();
    }

    @Bean
    @ConditionalOnMissingBean
    public SessionDirectory sessionDirectory(SessionStore store) {
        return new SessionStoreDirectory(store);
    }

    @Bean
    public TableSeedHashSource tableSeedHashSource(TableDirectory tables, RoundStore rounds) {
        return new TableSeedHashSource(tables, rounds);
    }

    @Bean
    public OperatorDirectory operatorDirectory(Database db) {
        return new OperatorDirectory(db.jdbc());
    }

    /** The wallet feature's durable queue (its runner completes the jobs and settles the bets). */
    @Bean
    @ConditionalOnMissingBean
    public JobPort jobPort(Database db, dev.yantra.walletjobs.JobQueue queue) {
        return new JobQueuePort(queue, db.jdbc());
    }

    /**
     * The wallet feature's client and per-operator breakers (beans of WalletConfiguration, shared with the job
     * runner, so bets and jobs see one breaker per operator); one bean serves as wallet and breaker port.
     */
    @Bean
    @ConditionalOnMissingBean
    public WalletClientPort walletClientPort(WalletClient walletClient) {
        return new WalletClientPort(walletClient);
    }

    @Bean
    public RoundStore roundStore(Database db) {
        return new RoundStore(db.jdbc());
    }

    @Bean
    public BetStore betStore(Database db) {
        return new BetStore(db.jdbc());
    }

    @Bean
    public ChainStore chainStore(Database db, dev.yantra.signing.KeyRing masterKeys) {
        int length = EnvVars.TABLE_CHAIN_LENGTH.read(EnvVars.process());
        return new ChainStore(db.jdbc(), new SeedCipher(masterKeys), new SecureRandom(), length);
    }

    @Bean
    public Settlement settlement(Database db, RoundStore rounds, BetStore bets, ChainStore chains, WalletPort wallet,
                                 JobPort jobs, Clock clock, dev.yantra.control.ControlPlane control,
                                 io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters) {
        return new Settlement(db.tx(), rounds, bets, chains, new dev.yantra.round.SettlementHaltWallet(wallet, control), jobs, clock,
                new dev.yantra.ops.metrics.SloMeters(meters), InlineWinBudget.fromEnv(EnvVars.process()));
    }

    @Bean
    public TableDirectory tableDirectory(Database db, GameRegistry games) {
        return new TableDirectory(db.jdbc(), games);
    }

    @Bean
    public TableEngine tableEngine(Database db, GameRegistry games, TableDirectory directory, RoundStore rounds, BetStore bets, ChainStore chains,
                                   Settlement settlement, Clock clock, YantraEnv env, dev.yantra.server.NodeId nodeId) {
        String build = BuildInfo.current().buildHash();
        Duration grace = Duration.ofMillis(env.walletCallTimeoutMs() + 1_000L);
        return new TableEngine(directory, new TableLease(db.jdbc(), nodeId.value()), games,
                fence -> new TableRunner(fence, new TableGame(games.get(gameOf(db, fence))), db.tx(), rounds, bets,
                        chains, settlement, clock, build, grace));
    }

    private static String gameOf(Database db, Fence fence) {
        return db.jdbc().sql("SELECT game_code FROM game_tables WHERE id = :id").param("id", fence.tableId())
                .query(String.class).single();
    }

    /** Only a node whose RNG passed the start-up self-test ({@link RngSelfTest}) runs tables. */
    @Bean
    public PhasedLifecycle tableEngineLifecycle(TableEngine engine, RngSelfTest selfTest, YantraEnv env) {
        // half the grace to finish the round in flight; the job runner and the web server drain in the rest
        Duration drain = Duration.ofMillis(Math.max(1_000L, env.shutdownGraceSeconds() * 500L));
        boolean ok = selfTest.passed();
        if (!ok) log.error("the RNG self-test failed: this node takes no tables");
        return new PhasedLifecycle(PhasedLifecycle.TABLE_ENGINE, () -> {
            if (ok) engine.start();
        }, () -> engine.drainAndClose(drain));
    }
}
