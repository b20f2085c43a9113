package dev.yantra.fairness.cli;

import picocli.CommandLine.Command;

/** {@code yantra cert}: a group for the certification gate; register this under the top-level command. */
@Command(name = "cert", mixinStandardHelpOptions = true, description = "Certification gate (rng-change-gate).",
        subcommands = CertStatusCommand.class)
public class CertCommand {
}
