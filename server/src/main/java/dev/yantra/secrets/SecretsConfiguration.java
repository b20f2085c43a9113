package dev.yantra.secrets;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
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
}
