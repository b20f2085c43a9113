package dev.yantra.portal;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.counterparty.StagedCredentials;
import dev.yantra.db.Database;
import dev.yantra.signing.SecretBox;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal's stores as beans, and its sessions: Spring Session over portal_sessions (V200), idle timeout
 * {@link #SESSION_TIMEOUT_SECONDS}, in a cookie that is Secure, HttpOnly, SameSite=Strict and sent to /portal only
 * (no other route ever sees it, so no other request touches the session table). Browsers accept a Secure cookie
 * over plain http only from localhost: anywhere else the portal needs https (docs/portal.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession(tableName = "portal_sessions", maxInactiveIntervalInSeconds = PortalConfiguration.SESSION_TIMEOUT_SECONDS)
public class PortalConfiguration {
    public static final int SESSION_TIMEOUT_SECONDS = 30 * 60;
    public static final String SESSION_COOKIE = "YANTRA_PORTAL";

    static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    static TransactionTemplate tx(Database db) {
        return new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    /**
     * Spring Boot registers the session filter for every path; the portal's sessions live under /portal only, so
     * only /portal requests pass it (a bet, a wallet webhook or an admin call is not wrapped for a session it
     * can never have).
     */
    @Bean
    static BeanPostProcessor portalSessionFilterOnPortalPathsOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean r && name.equals("sessionRepositoryFilterRegistration")) {
                    r.setUrlPatterns(java.util.List.of("/portal", "/portal/*"));
                }
                return bean;
            }
        };
    }

    @Bean
    public CookieSerializer portalSessionCookie() {
        DefaultCookieSerializer c = new DefaultCookieSerializer();
        c.setCookieName(SESSION_COOKIE);
        c.setCookiePath("/portal");
        c.setUseSecureCookie(true);
        c.setUseHttpOnlyCookie(true);
        c.setSameSite("Strict");
        return c;
    }

    @Bean
    public PortalUsers portalUsers(Database db, AdminAudit audit, ObjectProvider<Clock> clock) {
        return new PortalUsers(db.jdbc(), audit, clock(clock));
    }

    @Bean
    public SecondFactor secondFactor(Database db, YantraEnv env, AdminAudit audit, ObjectProvider<Clock> clock) {
        return new SecondFactor(db.jdbc(), tx(db), StagedCredentials.memoized(() -> new SecretBox(MasterKey.resolve(env))), audit, clock(clock));
    }

    @Bean
    public Invitations invitations(Database db, PortalUsers users, AdminAudit audit, ObjectProvider<Clock> clock) {
        return new Invitations(db.jdbc(), tx(db), users, audit, clock(clock));
    }
}
