package dev.yantra.operator;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.cli.SecretStdin;
import dev.yantra.config.UsageException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yantra credential issue|activate|rotate|revoke|list|audit}: operator keys from the command line. issue and
 * rotate print a generated secret once (or import the operator's from stdin); activate makes a staged key the one
 * we sign with (outbound) or retires the keys it replaces (inbound); audit answers the leak playbook's "what did
 * this kid sign, from where".
 */
@Command(name = "credential", mixinStandardHelpOptions = true,
        description = "Manage operator credentials (exit 0 ok, 1 unknown kid/operator, 64 invalid arguments, 69 database unreachable).",
        subcommands = {CredentialCommand.Issue.class, CredentialCommand.Activate.class, CredentialCommand.Rotate.class, CredentialCommand.Revoke.class,
                CredentialCommand.ListAll.class, CredentialCommand.Audit.class})
public class CredentialCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static void printCredentials(List<CredentialStore.Credential> list) {
        Table t = Table.of("KID", "KIND", "STATE", "NOT BEFORE", "ACTIVATED", "NOT AFTER", "REVOKED");
        for (CredentialStore.Credential c : list) {
            t.row(c.kid(), c.kind(), c.state(), c.notBefore(), c.activatedAt(), c.notAfter(), c.revokedAt());
        }
        t.print(System.out);
    }

    static void printIssued(CredentialStore.Issued issued, boolean json) {
        if (json) {
            CliSupport.printJson(issued.toJson());
            return;
        }
        CredentialStore.Credential c = issued.credential();
        System.out.println("kid     " + c.kid());
        System.out.println("kind    " + c.kind());
        System.out.println("state   " + c.state());
        if (issued.secret() != null) System.out.println("secret  " + issued.secret());
        System.out.println("until   " + CliSupport.orDash(c.notAfter()));
        if (issued.secret() != null) System.err.println("The secret is shown only now; store it in the operator's secret manager.");
        else System.err.println("The operator's secret was imported; it is not shown.");
        if ("ISSUED".equals(c.state())) {
            System.err.println(c.kind() == CredentialStore.Kind.OUTBOUND
                    ? "We keep signing with the current key. Once the operator's wallet accepts " + c.kid()
                            + ", run: yantra credential activate " + c.kid() + " [--activate-at TIME] [--overlap 24h]"
                    : c.kid() + " verifies already. When the operator has switched, retire the old key: yantra credential activate "
                            + c.kid() + " [--overlap 24h]");
        }
    }

    /** The operator's own secret, from stdin only (argv is readable by every user in the process list). */
    static String importedSecret(boolean secretStdin) {
        return secretStdin ? SecretStdin.read(System.in) : null;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "Issue a new credential; prints kid and secret once.")
    static class Issue implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--kind", required = true, description = "inbound (API key) or outbound (wallet HMAC)") String kind;
        @Option(names = "--not-after", description = "Lifetime, e.g. 30d (default: until revoked)") String notAfter;
        @Option(names = "--secret-stdin", description = "Import the operator's secret from stdin (one line) instead of generating one")
        boolean secretStdin;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            CredentialStore.Kind k;
            try {
                k = CredentialStore.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--kind must be inbound or outbound, was '" + kind + "'");
            }
            Duration validFor = notAfter == null ? null : CliSupport.duration(notAfter, "--not-after");
            try (CliSupport s = CliSupport.open(data)) {
                String imported = importedSecret(secretStdin);
                printIssued(s.credentials.issue(s.operators.get(operator).id(), k, validFor, imported, AdminAudit.cliUser()), json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Outbound: sign with this kid from now (or --activate-at); inbound: retire the keys it replaces. "
                    + "The replaced kid keeps working for the overlap (default 24h, max 24h).")
    static class Activate implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "KID") String kid;
        @Option(names = "--activate-at", paramLabel = "TIME", description = "ISO-8601 instant, e.g. 2026-12-03T02:00:00Z (default: now)")
        String activateAt;
        @Option(names = "--overlap", description = "How long the replaced kid stays valid after the activation (default 24h)") String overlap;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            Instant at = activateAt == null ? null : instant(activateAt);
            Duration o = overlap == null ? null : CliSupport.duration(overlap, "--overlap");
            try (CliSupport s = CliSupport.open(data)) {
                CredentialStore.Activated a = s.credentials.activate(kid, at, o, AdminAudit.cliUser());
                if (json) {
                    Map<String, Object> m = a.credential().toJson();
                    m.put("changed", a.changed());
                    m.put("retiring", a.retiring().stream().map(CredentialStore.Credential::toJson).toList());
                    CliSupport.printJson(m);
                } else {
                    CredentialStore.Credential c = a.credential();
                    System.out.println(a.changed() ? c.kid() + " " + c.state() + " from " + c.activatedAt() : c.kid() + " was already active");
                    for (CredentialStore.Credential r : a.retiring()) System.out.println(r.kid() + " keeps working until " + r.notAfter());
                }
            }
            return ExitCodes.OK;
        }

        private static Instant instant(String s) {
            try {
                return Instant.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                throw new UsageException("--activate-at must be an ISO-8601 instant such as 2026-12-03T02:00:00Z, was '" + s + "'");
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue a successor. Inbound: active now, the old kid keeps working for the overlap (default 24h, max 24h). "
                    + "Outbound: staged; we keep signing with the old kid until `credential activate`.")
    static class Rotate implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "KID") String kid;
        @Option(names = "--overlap", description = "How long the old inbound kid stays valid (default 24h, max 24h)") String overlap;
        @Option(names = "--secret-stdin", description = "Import the operator's secret from stdin (one line) instead of generating one")
        boolean secretStdin;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            Duration o = overlap == null ? CredentialStore.DEFAULT_OVERLAP : CliSupport.duration(overlap, "--overlap");
            try (CliSupport s = CliSupport.open(data)) {
                CredentialStore.Issued issued = s.credentials.rotate(kid, o, importedSecret(secretStdin), AdminAudit.cliUser());
                printIssued(issued, json);
                CredentialStore.Credential old = s.credentials.get(kid);
                if (!json && old.kind() == CredentialStore.Kind.INBOUND) System.err.println("Old kid " + kid + " stays valid until " + old.notAfter() + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a credential now (every node within 1 s).")
    static class Revoke implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "KID") String kid;
        @Option(names = "--reason", description = "Why (kept in the audit log)") String reason;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (CliSupport s = CliSupport.open(data)) {
                boolean changed = s.credentials.revoke(kid, AdminAudit.cliUser(), reason);
                CredentialStore.Credential c = s.credentials.get(kid);
                if (json) {
                    Map<String, Object> m = c.toJson();
                    m.put("changed", changed);
                    CliSupport.printJson(m);
                } else {
                    System.out.println(changed ? "revoked " + kid + " at " + c.revokedAt() : kid + " was already revoked at " + c.revokedAt());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an operator's credentials (never the secrets).")
    static class ListAll implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", required = true, paramLabel = "ID|NAME") String operator;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (CliSupport s = CliSupport.open(data)) {
                List<CredentialStore.Credential> list = s.credentials.list(s.operators.get(operator).id());
                if (json) CliSupport.printJson(list.stream().map(CredentialStore.Credential::toJson).toList());
                else printCredentials(list);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "What a kid signed per UTC day and source IP: inbound requests, sessions created, rejections; for outbound kids, wallet calls.")
    static class Audit implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--kid", required = true) String kid;
        @Option(names = "--since", description = "How far back, e.g. 7d (default 7d)") String since = "7d";
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            Duration back = CliSupport.duration(since, "--since");
            try (CliSupport s = CliSupport.open(data)) {
                // the database's clock, as every credential time is
                Instant from = s.db.jdbc().sql("SELECT now() - make_interval(secs => ?)").param(back.toSeconds())
                        .query(Timestamp.class).single().toInstant();
                CredentialStore.Credential c = s.credentials.get(kid);
                List<Map<String, Object>> rows = c.kind() == CredentialStore.Kind.INBOUND ? inbound(s, from) : outbound(s, from);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("credential", c.toJson());
                    m.put("since", from.toString());
                    m.put("rows", rows);
                    CliSupport.printJson(m);
                } else {
                    System.out.println(c.kind() + " credential " + kid + " of operator " + c.operatorId() + " (" + c.state() + "), since " + from);
                    if (rows.isEmpty()) System.out.println("no activity");
                    for (Map<String, Object> r : rows) {
                        StringBuilder line = new StringBuilder();
                        r.forEach((k, v) -> line.append(k).append('=').append(v).append("  "));
                        System.out.println(line.toString().trim());
                    }
                }
            }
            return ExitCodes.OK;
        }

        private List<Map<String, Object>> inbound(CliSupport s, Instant from) {
            Timestamp ts = Timestamp.from(from);
            return s.db.jdbc().sql("""
                            WITH req AS (
                              SELECT day, source_ip, sum(request_count) AS requests FROM inbound_kid_daily
                              WHERE kid = ? AND day >= ((?::timestamptz) AT TIME ZONE 'UTC')::date GROUP BY day, source_ip),
                            ses AS (
                              SELECT (created_at AT TIME ZONE 'UTC')::date AS day, coalesce(source_ip, 'unknown') AS source_ip,
                                     count(*) AS sessions
                              FROM game_sessions WHERE kid = ? AND created_at >= ? GROUP BY 1, 2),
                            rej AS (
                              SELECT (created_at AT TIME ZONE 'UTC')::date AS day, coalesce(source_ip, 'unknown') AS source_ip,
                                     count(*) AS rejected
                              FROM signature_rejections WHERE kid = ? AND created_at >= ? GROUP BY 1, 2)
                            SELECT day, source_ip, coalesce(requests, 0) AS requests, coalesce(sessions, 0) AS sessions,
                                   coalesce(rejected, 0) AS rejected
                            FROM req FULL JOIN ses USING (day, source_ip) FULL JOIN rej USING (day, source_ip)
                            ORDER BY day, source_ip""")
                    .params(kid, ts, kid, ts, kid, ts)
                    .query((rs, n) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("day", rs.getString("day"));
                        m.put("sourceIp", rs.getString("source_ip"));
                        m.put("inboundRequests", rs.getLong("requests"));
                        m.put("sessionsCreated", rs.getLong("sessions"));
                        m.put("signatureRejections", rs.getLong("rejected"));
                        return m;
                    }).list();
        }

        private List<Map<String, Object>> outbound(CliSupport s, Instant from) {
            return s.db.jdbc().sql("""
                            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, endpoint, count(*) AS calls,
                                   count(*) FILTER (WHERE succeeded) AS succeeded, coalesce(sum(amount_micro), 0) AS amount_micro
                            FROM wallet_calls WHERE kid = ? AND created_at >= ? GROUP BY 1, 2 ORDER BY 1, 2""")
                    .params(kid, Timestamp.from(from))
                    .query((rs, n) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("day", rs.getString("day"));
                        m.put("endpoint", rs.getString("endpoint"));
                        m.put("walletCalls", rs.getLong("calls"));
                        m.put("succeeded", rs.getLong("succeeded"));
                        m.put("amountMicro", String.valueOf(rs.getLong("amount_micro")));
                        return m;
                    }).list();
        }
    }
}
