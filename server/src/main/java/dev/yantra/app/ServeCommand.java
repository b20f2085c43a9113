package dev.yantra.app;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.YantraEnv;
import dev.yantra.server.ServerLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a Yantra node: HTTP API, table engine, job runner. Embedded database unless DATABASE_URL is set.")
public class ServeCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (env PORT, default 8080)")
    Integer port;

    @Override
    public Integer call() {
        YantraEnv env = data.env();
        if (port != null) env = env.withPort(port);
        if (env.publicBaseUrl().isEmpty()) {
            throw new dev.yantra.config.UsageException("PUBLIC_BASE_URL is required for serve: the externally visible base "
                    + "URL (e.g. https://rgs.example.com) that launch URLs are built from");
        }
        ServerLauncher.start(env, null);
        return ExitCodes.OK;
    }
}
