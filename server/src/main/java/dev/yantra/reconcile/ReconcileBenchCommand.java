package dev.yantra.reconcile;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced below. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark reconciliation.")
public class ReconcileBenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
