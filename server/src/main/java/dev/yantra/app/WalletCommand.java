package dev.yantra.app;

import dev.yantra.wallet.WalletProbeCommand;
import dev.yantra.wallet.conformance.ConformanceCommand;
import picocli.CommandLine.Command;

/**
 * {@code yantra wallet}: the operator wallet tools. The group is listed here rather than in the wallet room because
 * one of its commands is the conformance kit's, which builds on the wallet room; the wallet room listing it would make
 * the two rooms import each other.
 */
@Command(name = "wallet", mixinStandardHelpOptions = true, description = "Operator wallet tools.",
        subcommands = {WalletProbeCommand.Probe.class, ConformanceCommand.class})
public final class WalletCommand {
}
