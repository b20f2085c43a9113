package dev.yantra.ops.triage;

import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import dev.yantra.fairness.CertAttestation;
import dev.yantra.fairness.KetapolaRng;
import dev.yantra.fairness.TestVectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code yantra triage <topic>}: one playbook section's queries, answered, and its mitigations filled in. */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = "Run a playbook section's triage (docs/playbooks/rgs-incident-playbooks.md) and print what to do next.",
        subcommands = {TriageCommand.StuckRollbacks.class, TriageCommand.Queue.class, TriageCommand.DbConnections.class,
                TriageCommand.CredentialLeak.class, TriageCommand.Breaker.class, TriageCommand.RtpDrift.class,
                TriageCommand.WalletDown.class, TriageCommand.RngChange.class, TriageCommand.ClockSkew.class,
                TriageCommand.Reconcile.class,
                LotteryTriageCommands.PlaysStuck.class, LotteryTriageCommands.Webhooks.class, LotteryTriageCommands.Banca.class,
                PaymentsTriage.class})
public class TriageCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Shared plumbing: open the database, run one topic, print as text or JSON. */
    abstract static class Topic implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--json", description = "One JSON document on stdout") boolean json;

        abstract TriageReport triage(Database db, Triage triage);

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                TriageReport report = triage(db, new Triage(db.jdbc()));
                if (json) report.printJson(System.out); else report.printText(System.out);
                report.errors().forEach(e -> System.err.println("yantra triage: " + e));
                return report.problemFound() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
            }
        }
    }

    @Command(name = "stuck-rollbacks", mixinStandardHelpOptions = true, description = "Playbook 1: rollbacks stuck in pending_wallet_jobs.")
    static class StuckRollbacks extends Topic {
        TriageReport triage(Database db, Triage t) {
            return t.stuckRollbacks();
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, description = "Playbook 6: pending job queue growth.")
    static class Queue extends Topic {
        TriageReport triage(Database db, Triage t) {
            return t.queue();
        }
    }

    @Command(name = "db-connections", mixinStandardHelpOptions = true, description = "Playbook 7: who holds the database connections.")
    static class DbConnections extends Topic {
        TriageReport triage(Database db, Triage t) {
            return t.dbConnections();
        }
    }

    @Command(name = "credential-leak", mixinStandardHelpOptions = true, description = "Playbook 3: what a credential signed, from where.")
    static class CredentialLeak extends Topic {
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--kid", required = true) String kid;
        @Option(names = "--since", defaultValue = "7d", description = "Window, e.g. 24h, 7d (default ${DEFAULT-VALUE})") String since;

        TriageReport triage(Database db, Triage t) {
            return t.credentialLeak(Cli.resolveOperator(db.jdbc(), operator), kid, Durations.parse(since));
        }
    }

    @Command(name = "breaker", mixinStandardHelpOptions = true, description = "Playbook 5: why an operator's breaker opened.")
    static class Breaker extends Topic {
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;

        TriageReport triage(Database db, Triage t) {
            return t.breaker(Cli.resolveOperator(db.jdbc(), operator));
        }
    }

    @Command(name = "clock-skew", mixinStandardHelpOptions = true, description = "Playbook 4: whose clock drifts, which hosts, since when, is ours suspect.")
    static class ClockSkew extends Topic {
        @Option(names = "--operator", paramLabel = "ID|NAME") String operator;
        @Option(names = "--since", defaultValue = "24h") String since;

        TriageReport triage(Database db, Triage t) {
            return t.clockSkew(operator == null ? null : Cli.resolveOperator(db.jdbc(), operator), Durations.parse(since));
        }
    }

    @Command(name = "rtp-drift", mixinStandardHelpOptions = true, description = "Playbook 2: config changes, per-operator RTP, the regression command.")
    static class RtpDrift extends Topic {
        TriageReport triage(Database db, Triage t) {
            return t.rtpDrift();
        }
    }

    @Command(name = "wallet-down", mixinStandardHelpOptions = true, description = "Playbook 10: an operator wallet down.")
    static class WalletDown extends Topic {
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;

        TriageReport triage(Database db, Triage t) {
            return t.walletDown(Cli.resolveOperator(db.jdbc(), operator));
        }
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = "Playbook 8: reconcile a settlement file, its discrepancy classes, and the adjust / halt / bet show commands.")
    static class Reconcile extends Topic {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The operator's settlement CSV") Path file;
        @Option(names = "--operator", paramLabel = "ID", description = "Transaction-level files: the operator they belong to") String operator;

        TriageReport triage(Database db, Triage t) {
            if (!java.nio.file.Files.isReadable(file)) throw new dev.yantra.config.UsageException("cannot read " + file);
            return new ReconcileTriage(db.dataSource(), db.jdbc()).run(file, operator);
        }
    }

    @Command(name = "rng-change", mixinStandardHelpOptions = true, description = "Playbook 9: certification status, RNG self-test, RTP regression command.")
    static class RngChange implements Callable<Integer> {
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws Exception {
            TriageReport r = new TriageReport("rng-change");
            TestVectors.Result self = TestVectors.runAll(new KetapolaRng());
            r.section("RNG self-test (ketapola-rng-v1 test vectors)", null,
                    List.of(Map.of("vectors", self.total(), "failures", self.failures().size(), "ok", self.ok())));
            self.failures().forEach(f -> r.finding("vector failed: " + f));
            Path root = CertAttestation.findRepoRoot(Path.of(System.getProperty("yantra.home", "."))).orElse(null);
            if (root == null) {
                r.finding("no cert/ATTEST found from " + System.getProperty("yantra.home", ".") + ": cannot check attestation here");
            } else {
                CertAttestation.Status status = CertAttestation.read(root.resolve(CertAttestation.DEFAULT_PATH)).check(root);
                r.section("certification gate (cert/ATTEST)", null, List.of(Map.of("ok", status.ok(), "problems", status.problems().size())));
                status.problems().forEach(p -> r.finding(p));
            }
            r.section("build", null, List.of(Map.of("build_hash", dev.yantra.ops.BuildInfo.current().buildHash())));
            r.mitigation("yantra rtp --game ketapola-dice --rounds 10000000    # the 10M-round regression (exit 1 if |z| > 4)");
            r.mitigation("yantra cert status");
            if (!self.ok()) r.mitigation("roll back the deploy now: this build fails its own test vectors (SEV1)");
            if (json) r.printJson(System.out); else r.printText(System.out);
            return self.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /** Durations as every command and setting writes them: 30s, 10m, 24h, 7d. */
    public static final class Durations {
        private Durations() {
        }

        public static Duration parse(String raw) {
            if (raw == null || !raw.matches("\\d{1,9}[smhd]")) {
                throw new IllegalArgumentException("duration must look like 30s, 10m, 24h or 7d, was '" + raw + "'");
            }
            long n = Long.parseLong(raw.substring(0, raw.length() - 1));
            Function<Long, Duration> unit = switch (raw.charAt(raw.length() - 1)) {
                case 's' -> Duration::ofSeconds;
                case 'm' -> Duration::ofMinutes;
                case 'h' -> Duration::ofHours;
                default -> Duration::ofDays;
            };
            return unit.apply(n);
        }
    }
}
