package dev.yantra.audit;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra audit verify [--table T]}: checks the audit tables' hash chains on the database directly.
 * Exit codes: 0 every chain intact, 1 a row was edited or deleted (the first one is named), 64 bad usage,
 * 69 database down.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log's tamper evidence.",
        subcommands = {AuditCommand.Verify.class})
public class AuditCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-compute every audit row's hash and link; name the first row edited or deleted by SQL.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every chain intact", "1:a row was edited or deleted", "64:bad usage (unknown table)",
                    "69:the database is unavailable"})
    static class Verify implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--table", paramLabel = "T", description = "Only this audit table (default: every chained table)") String table;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                AuditChain chain = new AuditChain(db.jdbc());
                List<AuditChain.Result> results;
                if (table == null) {
                    results = chain.verifyAll();
                } else {
                    if (!chain.tables().contains(table)) {
                        System.err.println("yantra audit verify: no audit chain for table '" + table + "'; chained tables: " + chain.tables());
                        return ExitCodes.USAGE;
                    }
                    results = List.of(chain.verify(table));
                }
                boolean intact = true;
                for (AuditChain.Result r : results) {
                    if (r.intact()) {
                        System.out.printf("%-28s intact  %8d row(s)  head %s%n", r.table(), r.rows(), r.headHash());
                    } else {
                        intact = false;
                        AuditChain.Problem p = r.problem().orElseThrow();
                        System.out.printf("%-28s BROKEN  %s: %s%n", r.table(), p.kind(), p.message());
                    }
                }
                return intact ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            }
        }
    }
}
