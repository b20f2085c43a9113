package dev.yantra.secrets;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.MasterKey;
import dev.yantra.db.Database;
import dev.yantra.signing.KeyRing;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code yantra secrets status} and {@code yantra secrets rotate-master-key}, acting on the database directly.
 * Exit codes: status 0 everything is under YANTRA_MASTER_KEY, 1 something is under another key (or unreadable);
 * rotate-master-key 0 re-sealed and checked, 1 refused (a text did not open; nothing changed), 64 bad key
 * configuration, 69 database down. docs/key-rotation.md gives the whole rollout.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Secrets at rest: which master key each is sealed under, and master-key rotation.",
        subcommands = {SecretsCommand.Status.class, SecretsCommand.Rotate.class})
public class SecretsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Count the sealed secrets per column and master-key id.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:everything is under YANTRA_MASTER_KEY", "1:something is under another key, or unreadable",
                    "64:bad key configuration", "69:the database is unavailable"})
    static class Status implements Callable<Integer> {
        @Mixin DataDirOption data;

        @Override
        public Integer call() {
            KeyRing ring = MasterKey.ring(data.env());
            try (Database db = data.openDatabase()) {
                List<MasterKeyRotation.Count> counts = MasterKeyRotation.status(db.jdbc(), ring);
                printKeys(ring);
                print(counts, ring);
                long other = counts.stream().filter(c -> !c.keyId().equals(ring.currentId())).mapToLong(MasterKeyRotation.Count::rows).sum();
                if (other == 0) {
                    System.out.println("every sealed secret is under the current key " + ring.currentId());
                    return ExitCodes.OK;
                }
                System.out.println(other + " sealed secret(s) are not under the current key " + ring.currentId()
                        + (ring.previousId().isPresent() ? "; run 'yantra secrets rotate-master-key'" : ""));
                return ExitCodes.CHECK_FAILED;
            }
        }
    }

    @Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
            description = "Re-seal every stored secret (operator and banca credentials, unrevealed seeds) under YANTRA_MASTER_KEY, "
                    + "opening what is under YANTRA_MASTER_KEY_PREVIOUS, in one transaction; then check nothing is left under another key.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:re-sealed and checked", "1:refused: a secret did not open, or one was left under another key (nothing changed)",
                    "64:bad key configuration", "69:the database is unavailable"})
    static class Rotate implements Callable<Integer> {
        @Mixin DataDirOption data;

        @Override
        public Integer call() {
            KeyRing ring = MasterKey.ring(data.env());
            try (Database db = data.openDatabase()) {
                printKeys(ring);
                MasterKeyRotation rotation = new MasterKeyRotation(db.jdbc(), db.tx(), ring, new AdminAudit(db.jdbc()));
                MasterKeyRotation.Rotated r;
                try {
                    r = rotation.rotate(AdminAudit.cliUser());
                } catch (MasterKeyRotation.Refused e) {
                    System.out.println("REFUSED, nothing was changed:");
                    e.problems().stream().limit(50).forEach(p -> System.out.println("  " + p));
                    if (e.problems().size() > 50) System.out.println("  ... and " + (e.problems().size() - 50) + " more");
                    return ExitCodes.CHECK_FAILED;
                }
                r.resealed().forEach((column, n) -> System.out.printf("%-40s %6d re-sealed%n", column, n));
                print(r.after(), ring);
                System.out.println(r.total() + " secret(s) re-sealed under " + r.toKeyId()
                        + "; nothing is left under another key. Remove YANTRA_MASTER_KEY_PREVIOUS from every node next.");
                return ExitCodes.OK;
            }
        }
    }

    static void printKeys(KeyRing ring) {
        System.out.println("current key  " + ring.currentId() + " (YANTRA_MASTER_KEY)");
        System.out.println("previous key " + ring.previousId().map(id -> id + " (" + MasterKey.PREVIOUS_VAR + ")").orElse("not set"));
    }

    static void print(List<MasterKeyRotation.Count> counts, KeyRing ring) {
        Table t = Table.of("COLUMN", "KEY ID", "KEY", "ROWS").rightAligned("ROWS");
        for (MasterKeyRotation.Count c : counts) {
            String which = c.keyId().equals(ring.currentId()) ? "current"
                    : ring.previousId().filter(c.keyId()::equals).isPresent() ? "previous"
                    : c.keyId().equals(KeyRing.LEGACY_KEY_ID) ? "neither" : c.keyId().equals(MasterKeyRotation.UNREADABLE) ? "-" : "unknown";
            t.row(c.column(), c.keyId(), which, c.rows());
        }
        t.print(System.out);
    }
}
