package dev.yantra.server;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.ops.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts a node in order — database, migrations, Spring — and stops it in reverse on SIGTERM: readiness
 * first turns 503, then Spring drains and closes, then the embedded postmaster stops.
 */
public final class ServerLauncher {
    private static final Logger log = LoggerFactory.getLogger(ServerLauncher.class);
    /** How long a SIGTERM that arrives mid-start waits for the start to finish before stopping anyway. */
    private static final Duration START_WAIT_ON_SIGTERM = Duration.ofSeconds(30);

    private ServerLauncher() {
    }

    public record Running(ConfigurableApplicationContext context, Database database, YantraServer.Node node) {
        public void stop() {
            // a test (or an earlier stop) may have closed the context already; the postmaster still needs stopping
            if (context.isActive()) {
                context.getBean(Readiness.class).startDraining();
                context.close();
            }
            database.close(true);
        }
    }

    public static Running start(YantraEnv env, Consumer<GenericApplicationContext> extraBeans) {
        long startedAt = System.nanoTime();
        MasterKey.resolve(env);  // fail before anything starts if the key is missing or malformed
        if (env.surfaces().lottery()) dev.yantra.config.JwtSecret.resolve(env);  // likewise the players' JWT key
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        dev.yantra.server.HttpServerMetrics.histogramBuckets(registry);
        NodeId nodeId = NodeId.generate();
        Database db = Database.open(env, "yantra-" + nodeId.value(), 20, registry);
        db.migrate();   // a SIGTERM until the hook below is in place: the database's own exit hook stops Postgres
        YantraServer.Node node = new YantraServer.Node(env, db, registry, nodeId);
        // The hook is registered before Spring starts: /readyz answers 200 as soon as Tomcat listens, and a SIGTERM
        // right then must still stop the node and its postmaster (registering afterwards failed with "Shutdown in
        // progress" and left the postmaster running).
        AtomicReference<Running> started = new AtomicReference<>();
        CountDownLatch startSettled = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // A SIGTERM between Tomcat listening (/readyz already 200) and the end of start must still drain:
            // wait for start to finish (or fail) instead of stopping Postgres under a context still starting.
            try {
                if (!startSettled.await(START_WAIT_ON_SIGTERM.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("SIGTERM while starting: start did not finish within {}; stopping the database", START_WAIT_ON_SIGTERM);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Running r = started.get();
            if (r != null) r.stop();
            else db.close(true);
        }, "yantra-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        db.shutdownHandledByCaller();   // from here the hook above stops Postgres after the drain, not in parallel with it
        Running running;
        try {
            running = new Running(YantraServer.start(node, extraBeans), db, node);
            started.set(running);
        } catch (RuntimeException e) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            db.close(true);
            throw e;
        } finally {
            startSettled.countDown();   // whatever happened, a waiting SIGTERM need not wait any longer
        }
        log.info("yantra node {} ready on :{} with {} in {} ms", nodeId, env.port(), db.describe(),
                (System.nanoTime() - startedAt) / 1_000_000);
        return running;
    }
}
