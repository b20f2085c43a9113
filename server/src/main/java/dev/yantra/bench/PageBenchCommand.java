package dev.yantra.bench;

import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra bench page}: the first render of /play on loopback in headless Chromium (see {@link PageBench});
 * states the goal (under 1 s) as MET / NOT MET. Exit 0 either way: it measures, it does not gate.
 */
@Command(name = "page", mixinStandardHelpOptions = true,
        description = "First render of /play in headless Chromium on loopback (goal < 1 s), cold and warm cache.")
public class PageBenchCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--runs", description = "Page loads, the first with a cold cache (default 10, max 100)") int runs = 10;
    @Option(names = "--json", description = "Print JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 100) throw new UsageException("--runs must be 1..100, was " + runs);
        java.nio.file.Path chromium = HeadlessPage.find().orElseThrow(() ->
                new UsageException("chromium is not installed (Debian package 'chromium'): the bench renders /play in it"));
        PageBench.Result r = PageBench.run(data.env(), new PageBench.Options(runs), chromium);
        System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PageBench.json(r)) + "\n" : PageBench.table(r));
        return ExitCodes.OK;
    }
}
