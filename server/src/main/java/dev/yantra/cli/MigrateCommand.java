package dev.yantra.cli;

import dev.yantra.db.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply database migrations (idempotent: a second run changes nothing).")
public class MigrateCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Override
    public Integer call() {
        try (Database db = Database.open(data.env(), "yantra-migrate", 2, null)) {
            db.migrate();
            Integer version = db.jdbc().sql("SELECT max(version::int) FROM flyway_schema_history WHERE success")
                    .query(Integer.class).single();
            System.out.println("schema at version " + version + " on " + db.describe());
        }
        return ExitCodes.OK;
    }
}
