package dev.yantra.lottery.statements;

import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NotFoundException;
import dev.yantra.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra banca statement --banca B --from YYYY-MM-DD --to YYYY-MM-DD [--output F]}: the banca's statement
 * as CSV on stdout or into F (the admin API's statement, read from the database directly). Exit codes: 0 written,
 * 1 unknown banca, 64 bad arguments, 69 database down.
 */
@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "A banca's statement as CSV: confirmed plays, stakes, prizes, tax and commission per day (in the lottery's time zone) and for the period.")
public class StatementCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--banca", required = true, paramLabel = "ID|NAME") String banca;
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day, included") String from;
    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day, included") String to;
    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here instead of stdout") Path output;

    @Override
    public Integer call() {
        var first = BancaStatement.day("--from", from);
        var last = BancaStatement.day("--to", to);
        try (Database db = data.openDatabase()) {
            BancaStatement statements = new BancaStatement(db.jdbc());
            BancaStatement.Statement s = statements.of(statements.banca(banca), first, last);
            String csv = StatementCsv.write(s);
            if (output == null) {
                System.out.print(csv);
            } else {
                try {
                    Files.writeString(output, csv, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
                }
                System.err.println("statement of " + s.banca().name() + " " + first + ".." + last + ": " + s.days().size()
                        + " line(s) written to " + output);
            }
            return ExitCodes.OK;
        } catch (NotFoundException e) {
            System.err.println("yantra banca statement: " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
    }
}
