package dev.yantra.backup;

import dev.yantra.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code backup verify}: the only proof a backup can be restored is restoring it. Into a scratch database on the same
 * server (its user needs CREATEDB), dropped afterwards whatever happened, then the census is compared with the
 * manifest. The live database is never touched.
 */
final class BackupVerifier {

    static BackupRestorer.Restored verify(Database db, BackupFile backup) throws SQLException {
        PgTarget live = PgTarget.of(db.connection());
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        String scratchName = "yantra_verify_" + HexFormat.of().formatHex(suffix);
        PgTarget scratch = live.withDatabase(scratchName);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("CREATE DATABASE " + scratchName + " TEMPLATE template0");
        }
        try (Connection sc = connect(scratch)) {
            return BackupRestorer.restore(sc, scratch, backup, false);
        } finally {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("DROP DATABASE IF EXISTS " + scratchName + " WITH (FORCE)");
            }
        }
    }

    private static Connection connect(PgTarget target) throws SQLException {
        Properties props = new Properties();
        if (target.user() != null) props.setProperty("user", target.user());
        if (target.password() != null) props.setProperty("password", target.password());
        return DriverManager.getConnection(target.jdbcUrl(), props);
    }
}
