package dev.yantra.server;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The HTTP edge. Spring Boot lives only here: the database, metrics registry and environment are built by the
 * CLI before Spring starts and handed in as beans, so the domain never depends on Spring to exist.
 */
@SpringBootApplication(scanBasePackages = "dev.yantra")
public class YantraServer {

    /** Everything a node needs that is built outside Spring. */
    public record Node(YantraEnv env, Database database, PrometheusMeterRegistry registry, NodeId nodeId) {
    }

    public static ConfigurableApplicationContext start(Node node, Consumer<GenericApplicationContext> extraBeans) {
        SpringApplication app = new SpringApplication(YantraServer.class);
        // ServerLauncher's hook is the one stop sequence (readiness 503, context close, then the database). With
        // Spring's own hook beside it the two ran at once: the launcher's close() returned while Spring's was still
        // draining, and the pool was closed under the rounds and jobs being finished.
        app.setRegisterShutdownHook(false);
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", node.env().port());
        props.put("spring.main.banner-mode", "off");
        props.put("server.shutdown", "graceful");
        props.put("spring.lifecycle.timeout-per-shutdown-phase", node.env().shutdownGraceSeconds() + "s");
        props.put("spring.jmx.enabled", "false");
        props.put("spring.mvc.problemdetails.enabled", "false");
        props.put("server.error.whitelabel.enabled", "false");
        props.put("server.max-http-request-header-size", "16KB");
        props.put("server.tomcat.max-swallow-size", "2MB");
        props.put("logging.level.root", "INFO");
        app.setDefaultProperties(props);
        app.addInitializers(ctx -> {
            GenericApplicationContext gac = (GenericApplicationContext) ctx;
            gac.registerBean(YantraEnv.class, node::env);
            gac.registerBean(Database.class, node::database);
            gac.registerBean("dataSource", javax.sql.DataSource.class, () -> node.database().dataSource());
            gac.registerBean(org.springframework.jdbc.core.simple.JdbcClient.class, () -> node.database().jdbc());
            gac.registerBean(PrometheusMeterRegistry.class, node::registry);
            gac.registerBean(NodeId.class, node::nodeId);
            if (extraBeans != null) extraBeans.accept(gac);
        });
        return app.run();
    }
}
