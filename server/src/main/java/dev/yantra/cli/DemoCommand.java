package dev.yantra.cli;

import dev.yantra.config.YantraEnv;
import dev.yantra.server.ServerLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a node with the embedded database, a demo operator and its demo wallet, then print the /play URL.")
public class DemoCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (env PORT, default 8080)")
    Integer port;

    @Override
    public Integer call() {
        YantraEnv env = data.env();
        if (port != null) env = env.withPort(port);
        ServerLauncher.start(env, null);
        System.out.println("Yantra demo is up: http://localhost:" + env.port() + "/readyz");
        return ExitCodes.OK;
    }
}
