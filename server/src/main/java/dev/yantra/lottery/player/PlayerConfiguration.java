package dev.yantra.lottery.player;

import dev.yantra.config.JwtSecret;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the players feature's plain classes; Spring stops here. */
@Configuration(proxyBeanMethods = false)
public class PlayerConfiguration {

    /**
     * Signs and verifies player tokens with JWT_SECRET. On an RGS-only node the player API answers 404 and no
     * token is ever issued, so a random key (which verifies nothing anyone holds) keeps the bean graph the same.
     */
    @Bean
    public PlayerTokens playerTokens(YantraEnv env, Clock clock) {
        byte[] secret;
        if (env.surfaces().lottery()) {
            secret = JwtSecret.resolve(env);
        } else {
            secret = new byte[JwtSecret.MIN_BYTES];
            new SecureRandom().nextBytes(secret);
        }
        return new PlayerTokens(secret, clock);
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

    @Bean
    public PasswordReset passwordReset(Database db, PlayerAccounts accounts, RefreshTokens refreshTokens,
                                       NotificationOutbox outbox, Clock clock) {
        return new PasswordReset(db.jdbc(), db.tx(), accounts, refreshTokens, outbox, clock);
    }
}
