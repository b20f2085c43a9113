package dev.yantra.backup;

import dev.yantra.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Restores a checked backup into a database: the configured one ({@code yantra restore}) or a scratch one
 * ({@code backup verify}). Refuses a database that already holds tables unless forced, because pg_restore into a
 * populated schema either fails half-way or mixes two histories of money; forced, the public schema is dropped first.
 * The restore is one transaction: it lands whole or not at all. Afterwards the census of the restored data is
 * compared with the manifest.
 */
final class BackupRestorer {

    record Restored(ServerFacts before, DatabaseCensus census, List<String> differences) {
    }

    /** Restores {@code backup} into the database {@code db} is connected to. */
    static Restored intoConfigured(Database db, BackupFile backup, boolean force) throws SQLException {
        PgTarget target = PgTarget.of(db.connection());
        try (Connection c = db.dataSource().getConnection()) {
            return restore(c, target, backup, force);
        }
    }

    static Restored restore(Connection c, PgTarget target, BackupFile backup, boolean force) throws SQLException {
        c.setAutoCommit(true);
        ServerFacts facts = ServerFacts.of(c);
        PgClientTools tools = PgClientTools.forServerMajor(facts.major());
        backup.requireReadableBy(tools, target);
        if (facts.userRelations() > 0) {
            if (!force) {
                throw new BackupRefused("database " + target + " is not empty (" + facts.userRelations() + " table(s), sequence(s) "
                        + "or view(s)" + (facts.schemaVersion() == null ? "" : ", schema version " + facts.schemaVersion())
                        + "); nothing was changed. Restore into an empty database, or add --force to drop its public "
                        + "schema and everything in it first");
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA public CASCADE");
                s.execute("CREATE SCHEMA public");
            }
        }
        try {
            tools.restore(target, List.of("--dbname=" + target.database(), "--no-owner", "--no-privileges",
                    "--exit-on-error", "--single-transaction", backup.file().toString()));
        } catch (PgClientTools.ToolFailedException e) {
            throw new BackupRefused("pg_restore failed, nothing of the backup was kept: " + e.getMessage());
        }
        DatabaseCensus census = censusOf(target);
        return new Restored(facts, census, backup.manifest().census().differencesFrom(census));
    }

    /** A fresh connection: the pool's may still see the catalog of before the restore. */
    static DatabaseCensus censusOf(PgTarget target) throws SQLException {
        Properties props = new Properties();
        if (target.user() != null) props.setProperty("user", target.user());
        if (target.password() != null) props.setProperty("password", target.password());
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), props)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return DatabaseCensus.of(c);
            } finally {
                c.rollback();
            }
        }
    }
}
