package dev.yantra.cli;

import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Mixin for every command that touches the database: {@code --data-dir} (embedded) and {@code --database-url}
 * (external), each defaulting to its env var. Commands act on the database directly, no server needed.
 */
public class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of the embedded database (env YANTRA_DATA_DIR, default ./data)")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL", description = "An external PostgreSQL (env DATABASE_URL); nothing is embedded then")
    String databaseUrl;

    public YantraEnv env() {
        YantraEnv env = YantraEnv.fromSystem();
        if (dataDir != null) env = env.withDataDir(dataDir);
        if (databaseUrl != null) env = env.withDatabaseUrl(databaseUrl);
        return env;
    }

    /** A small pool for a one-shot command; migrations are applied so a fresh data dir just works. */
    public Database openDatabase() {
        Database db = Database.open(env(), "yantra-cli", 4, null);
        db.migrate();
        return db;
    }
}
