package dev.yantra.operator;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.db.Database;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the operator and credential commands share: opening the stores on the CLI's database, durations, output. */
final class CliSupport implements AutoCloseable {
    final Database db;
    final AdminAudit audit;
    final Operators operators;
    final CredentialStore credentials;

    private CliSupport(DataDirOption data) {
        this.db = data.openDatabase();
        this.audit = new AdminAudit(db.jdbc());
        this.operators = new Operators(db.jdbc(), audit);
        this.credentials = new CredentialStore(db, data.env(), audit);
    }

    static CliSupport open(DataDirOption data) {
        return new CliSupport(data);
    }

    @Override
    public void close() {
        db.close();
    }

    /** 30s, 10m, 24h, 7d, as every command writes durations. */
    static Duration duration(String text, String option) {
        return Durations.parse(text, option);
    }

    static List<String> csv(String text) {
        if (text == null) return null;
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static void printJson(Object value) {
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }
}
