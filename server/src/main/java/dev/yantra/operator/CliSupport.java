package dev.yantra.operator;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the operator and credential commands share: opening the stores on the CLI's database, durations, output. */
final class CliSupport implements AutoCloseable {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
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

    /** 30s, 10m, 24h, 7d (conventions.md). */
    static Duration duration(String text, String option) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new UsageException(option + " must be a duration like 30s, 10m, 24h or 7d, was '" + text + "'");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
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
