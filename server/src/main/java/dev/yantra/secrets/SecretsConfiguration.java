package dev.yantra.secrets;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.server.PhasedLifecycle;
import dev.yantra.signing.KeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the node's master key ring; Spring stops here. */
@Configuration(proxyBeanMethods = false)
public class SecretsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    /** YANTRA_MASTER_KEY and, during a rotation, YANTRA_MASTER_KEY_PREVIOUS; a MasterKey.Previous bean (tests) wins over the env. */
    @Bean
    public KeyRing masterKeyRing(YantraEnv env, ObjectProvider<MasterKey.Previous> previous) {
        KeyRing ring = previous.getIfAvailable() != null ? MasterKey.ring(env, previous.getObject()) : MasterKey.ring(env);
        log.info("master key {}{}", ring.currentId(), ring.previousId().map(p -> ", previous " + p + " (rotation under way)").orElse(""));
        return ring;
    }

    /**
     * At start, labels secrets sealed before key ids with the id of the key that opens them (they were all sealed
     * under the node's key), so {@code yantra secrets status} counts them under it. Idempotent on every node.
     */
    @Bean
    public PhasedLifecycle legacySecretLabels(Database db, KeyRing masterKeyRing, AdminAudit audit) {
        return new PhasedLifecycle(0, () -> {
            int n = new MasterKeyRotation(db.jdbc(), db.tx(), masterKeyRing, audit).labelLegacy();
            if (n > 0) log.info("labelled {} secret(s) sealed before key ids with their master key id", n);
        }, () -> { });
    }
}
