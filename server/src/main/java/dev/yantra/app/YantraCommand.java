package dev.yantra.app;

import dev.yantra.cli.CliErrors;
import dev.yantra.cli.MigrateCommand;
import dev.yantra.ops.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code yantra} command. Each feature contributes its subcommands here with one line.
 * Commands act on the database directly (no server needed); logs go to stderr, data to stdout.
 */
@Command(name = "yantra", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Yantra: provably-fair remote gaming server and lottery hub.",
        subcommands = {
                ServeCommand.class,
                DemoCommand.class,
                MigrateCommand.class,
                dev.yantra.control.HaltCommands.Halt.class,
                dev.yantra.control.HaltCommands.Resume.class,
                dev.yantra.control.BreakerCommand.class,
                dev.yantra.control.SettingsCommand.class,
                dev.yantra.gameconfig.ConfigCommand.class,
                dev.yantra.ops.triage.TriageCommand.class,
                dev.yantra.ops.incident.IncidentCommand.class,
                dev.yantra.ops.support.BetCommand.class,
                WalletCommand.class,
                dev.yantra.fairness.cli.VerifyCommand.class,
                dev.yantra.fairness.cli.RtpCommand.class,
                dev.yantra.fairness.cli.CertCommand.class,
                dev.yantra.fairness.cli.BenchCommand.class,
                dev.yantra.reconcile.ReconcileCommand.class,
                dev.yantra.reconcile.ExportCommand.class,
                dev.yantra.operator.OperatorCommand.class,
                dev.yantra.operator.CredentialCommand.class,
                dev.yantra.wallet.DemoWalletCommand.class,
                dev.yantra.demobanca.DemoBancaCommand.class,
                dev.yantra.stripestandin.StripeStandinCommand.class,
                dev.yantra.app.JobsCommand.class,
                dev.yantra.lottery.bancas.BancaCommand.class,
                dev.yantra.lottery.ledger.PlayerCommand.class,
                dev.yantra.lottery.cli.LotteryCommand.class,
                dev.yantra.evidence.EvidenceCommand.class,
                dev.yantra.chaos.ChaosCommand.class,
                dev.yantra.backup.BackupCommand.class,
                dev.yantra.backup.RestoreCommand.class,
                dev.yantra.secrets.SecretsCommand.class,
                dev.yantra.audit.AuditCommand.class,
                dev.yantra.retention.RetentionCommand.class,
                dev.yantra.portal.PortalCommand.class,
        })
public class YantraCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CliErrors errors = new CliErrors();
        return new CommandLine(new YantraCommand())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** serve and demo return once the server is up; the JVM must then stay alive for it. */
    public static boolean keepsRunning(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) return false;
        }
        return args.length > 0 && (args[0].equals("serve") || args[0].equals("demo"));
    }
}
