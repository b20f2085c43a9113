package dev.yantra.fairness.cli;

import dev.yantra.cli.ExitCodes;
import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.KetapolaRng;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra verify --server-seed S --client-seed C --nonce N --low L --high H}: recomputes one
 * ketapola-rng-v1 outcome and prints exactly one JSON line on stdout. A machine interface: no other stdout output.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {"Recompute a Ketapola Dice outcome (ketapola-rng-v1) from revealed inputs.",
                "Prints one JSON line {\"side\":...,\"sum\":...,\"hmac\":...} on stdout."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:computed", "64:invalid arguments (non-hex seed, negative nonce, weight <= 0)",
                "70:internal error"})
public class VerifyCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    dev.yantra.cli.DataDirOption data;

    @Option(names = "--round", paramLabel = "ROUND-ID", description = "Re-derive one settled round from the database and check its seed against the chain.")
    java.util.UUID round;

    @Option(names = "--since", paramLabel = "DURATION", description = "Payout audit: re-verify the settled rounds of the window (e.g. 24h) end to end, and check the money invariants of every bet of the window's rounds.")
    String since;

    @Option(names = "--operator", paramLabel = "ID|NAME", description = "With --since: only this operator.")
    String operator;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N", description = "With --since: a random sample of N rounds (0 = all).")
    int sample;

    @Spec
    CommandSpec spec;

    @Option(names = "--server-seed", paramLabel = "HEX64",
            description = "The revealed server seed: 64 lowercase hex chars.")
    String serverSeed;

    @Option(names = "--client-seed", paramLabel = "TEXT", description = "The client seed.")
    String clientSeed;

    @Option(names = "--nonce", paramLabel = "N", description = "The round's nonce (>= 0).")
    Long nonce;

    @Option(names = "--low", defaultValue = "48", paramLabel = "WEIGHT", description = "lowWeight (default ${DEFAULT-VALUE}).")
    int lowWeight;

    @Option(names = "--high", defaultValue = "48", paramLabel = "WEIGHT", description = "highWeight (default ${DEFAULT-VALUE}).")
    int highWeight;

    @Override
    public Integer call() {
        if (round != null || since != null) {
            return new RoundAudit(spec).run(data, round, since, operator, sample);
        }
        if (serverSeed == null || clientSeed == null || nonce == null) {
            spec.commandLine().getErr().println("yantra verify: give --server-seed, --client-seed and --nonce, or --round ID, or --since DURATION");
            return ExitCodes.USAGE;
        }
        DiceOutcome outcome;
        try {
            outcome = new KetapolaRng().roll(serverSeed, clientSeed, nonce, lowWeight, highWeight);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("yantra verify: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("yantra verify: internal error: " + e);
            return ExitCodes.INTERNAL;
        }
        spec.commandLine().getOut().println(outcome.toJson());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
