package dev.yantra.lottery.player;

import dev.yantra.config.JwtSecret;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.server.PhasedLifecycle;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the players feature's plain classes; Spring stops here. */
@Configuration(proxyBeanMethods = false)
public class PlayerConfiguration {
    static final Duration OUTBOX_SWEEP = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(PlayerConfiguration.class);

    /**
     * Signs and verifies player tokens with JWT_SECRET. On an RGS-only node the player API answers 404 and no
     * token is ever issued, so a random key (which verifies nothing anyone holds) keeps the bean graph the same.
     */
    @Bean
    public PlayerTokens playerTokens(YantraEnv env, Clock clock, ObjectProvider<JwtSecret.Previous> previousBean) {
        byte[] secret;
        if (env.surfaces().lottery()) {
            secret = JwtSecret.resolve(env);
        } else {
            secret = new byte[JwtSecret.MIN_BYTES];
            new SecureRandom().nextBytes(secret);
            return new PlayerTokens(secret, clock);
        }
        // JWT_SECRET_PREVIOUS verifies during a rotation's window; a JwtSecret.Previous bean (tests) wins over the env
        JwtSecret.Previous previous = previousBean.getIfAvailable(() -> JwtSecret.previous(dev.yantra.config.EnvVars.process(), clock.instant()).orElse(null));
        if (previous != null) log.info("JWT_SECRET_PREVIOUS verifies player tokens until {}", previous.until());
        return new PlayerTokens(secret, previous, clock);
    }

    /** The log until an SMS provider is configured; a bean of another Notifier replaces it. */
    @Bean
    @ConditionalOnMissingBean(Notifier.class)
    public Notifier logNotifier() {
        return new LogNotifier();
    }

    @Bean
    public NotificationOutbox notificationOutbox(Database db, Notifier notifier, Clock clock) {
        return new NotificationOutbox(db.jdbc(), db.tx(), notifier, clock);
    }

    /**
     * Retries what the request path could not deliver (a notifier down at the time): every
     * {@link #OUTBOX_SWEEP}, one batch, on a node that serves the lottery. Stops with the job runners.
     */
    @Bean
    public PhasedLifecycle notificationOutboxSweep(NotificationOutbox outbox, YantraEnv env) {
        ScheduledExecutorService[] holder = new ScheduledExecutorService[1];
        return new PhasedLifecycle(PhasedLifecycle.JOB_RUNNER, () -> {
            if (!env.surfaces().lottery()) return;
            holder[0] = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "notification-outbox");
                t.setDaemon(true);
                return t;
            });
            holder[0].scheduleWithFixedDelay(() -> {
                try {
                    outbox.deliverPending();
                } catch (RuntimeException e) {
                    log.warn("notification outbox sweep failed: {}", e.toString());
                }
            }, OUTBOX_SWEEP.toMillis(), OUTBOX_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        }, () -> {
            if (holder[0] != null) holder[0].shutdownNow();
        });
    }

    @Bean
    public PasswordReset passwordReset(Database db, PlayerAccounts accounts, RefreshTokens refreshTokens,
                                       NotificationOutbox outbox, Clock clock) {
        return new PasswordReset(db.jdbc(), db.tx(), accounts, refreshTokens, outbox, clock);
    }
}
