package dev.yantra.control;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runtime setting {@code db.logSql}: 1 turns on the statement log of Spring's JDBC layer on every node within a
 * second (DB-exhaustion triage: which query holds the connections), 0 turns it off. No restart.
 */
@Component
public class SqlLogging {
    private static final String JDBC_LOGGER = "org.springframework.jdbc.core";

    public SqlLogging(ControlPlane control) {
        control.onChange(snapshot -> apply(snapshot.setting(RuntimeSetting.DB_LOG_SQL, 0) == 1));
    }

    static void apply(boolean on) {
        if (LoggerFactory.getLogger(JDBC_LOGGER) instanceof Logger logback) {
            Level wanted = on ? Level.DEBUG : null;  // null: inherit (WARN from logback.xml)
            if (logback.getLevel() != wanted) logback.setLevel(wanted);
        }
    }
}
