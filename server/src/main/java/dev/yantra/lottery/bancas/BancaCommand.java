package dev.yantra.lottery.bancas;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import dev.yantra.operator.Durations;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yantra banca create|list|show|approve|reject|suspend|activate|credential ...}: the bancas and their
 * secrets from the command line, on the database directly, audited as cli:&lt;user&gt; like the admin API.
 */
@Command(name = "banca", mixinStandardHelpOptions = true,
        description = "Manage lottery shops (bancas) and their secrets (exit 0 ok, 1 unknown banca/credential, 64 invalid arguments, 69 database unreachable).",
        subcommands = {BancaCommand.Create.class, BancaCommand.ListAll.class, BancaCommand.Show.class, BancaCommand.Approve.class,
                BancaCommand.Reject.class, BancaCommand.Suspend.class, BancaCommand.Activate.class, BancaCommand.Credential.class,
                dev.yantra.lottery.statements.StatementCommand.class})
public class BancaCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The stores over the CLI's database. */
    static final class Stores implements AutoCloseable {
        final Database db;
        final BancaCredentials credentials;
        final Bancas bancas;

        Stores(DataDirOption data) {
            db = data.openDatabase();
            AdminAudit audit = new AdminAudit(db.jdbc());
            credentials = new BancaCredentials(db, data.env(), audit);
            bancas = new Bancas(db, audit, credentials);
        }

        @Override
        public void close() {
            db.close();
        }
    }

    static void printJson(Object value) {
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    static void print(Bancas.Banca b, boolean json) {
        if (json) {
            printJson(b.toJson());
            return;
        }
        System.out.println("id          " + b.id());
        System.out.println("name        " + b.name());
        System.out.println("rnc         " + b.rnc());
        System.out.println("status      " + b.status().wire() + (b.statusReason() == null ? "" : " (" + b.statusReason() + ")"));
        System.out.println("endpoint    " + b.endpointUrl());
        System.out.println("contact     " + b.contact());
        System.out.println("commission  " + b.commission().toPlainString() + " %");
        System.out.println("sucursales  " + (b.sucursales().isEmpty() ? "-" : String.join(",", b.sucursales().stream().map(Bancas.Sucursal::code).toList())));
        System.out.println("created     " + b.createdAt());
    }

    static void printSecret(BancaCredentials.Issued issued, boolean json) {
        if (json) {
            printJson(issued.toJson());
            return;
        }
        System.out.println("key id  " + issued.credential().keyId());
        System.out.println("state   " + issued.credential().state());
        if (issued.secret() != null) {
            System.out.println("secret  " + issued.secret());
            System.err.println("The secret is shown only now; hand it to the banca over a secure channel.");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register a banca (status pending until approved).")
    static class Create implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--rnc", required = true, description = "Tax id (RNC)") String rnc;
        @Option(names = "--endpoint-url", required = true, description = "Base URL; plays go to {url}/v1/plays/register") String url;
        @Option(names = "--contact", required = true) String contact;
        @Option(names = "--commission", description = "Percent, e.g. 5.5 (default 0)") BigDecimal commission;
        @Option(names = "--sucursales", description = "Comma-separated branch codes") String sucursales;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            List<Bancas.Sucursal> branches = sucursales == null ? null
                    : Arrays.stream(sucursales.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(c -> new Bancas.Sucursal(c, "")).toList();
            try (Stores s = new Stores(data)) {
                print(s.bancas.create(new Bancas.NewBanca(name, rnc, url, contact, commission, branches), AdminAudit.cliUser()), json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List bancas.")
    static class ListAll implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--pending", description = "Only those awaiting approval") boolean pendingOnly;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Stores s = new Stores(data)) {
                List<Bancas.Banca> all = pendingOnly ? s.bancas.pending() : s.bancas.list();
                if (json) {
                    printJson(all.stream().map(Bancas.Banca::toJson).toList());
                } else {
                    Table t = Table.of("ID", "NAME", "STATUS", "ENDPOINT");
                    for (Bancas.Banca b : all) t.row(b.id(), b.name(), b.status().wire(), b.endpointUrl());
                    t.print(System.out);
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a banca and its credentials (never the secrets).")
    static class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID|NAME") String banca;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Stores s = new Stores(data)) {
                Bancas.Banca b = s.bancas.get(banca);
                List<BancaCredentials.Credential> creds = s.credentials.list(b.id());
                if (json) {
                    Map<String, Object> m = b.toJson();
                    m.put("credentials", creds.stream().map(BancaCredentials.Credential::toJson).toList());
                    printJson(m);
                } else {
                    print(b, false);
                    System.out.println();
                    Table t = Table.of("KEY ID", "STATE", "ACTIVATED", "NOT AFTER");
                    for (BancaCredentials.Credential c : creds) t.row(c.keyId(), c.state(), c.activatedAt(), c.notAfter());
                    t.print(System.out);
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "pending -> active; issues the first secret (printed once).")
    static class Approve implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID|NAME") String banca;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Stores s = new Stores(data)) {
                Bancas.Approved a = s.bancas.approve(s.bancas.get(banca).id(), AdminAudit.cliUser());
                if (json) {
                    Map<String, Object> m = a.banca().toJson();
                    m.put("credential", a.credential().toJson());
                    printJson(m);
                } else {
                    print(a.banca(), false);
                    printSecret(a.credential(), false);
                }
            }
            return ExitCodes.OK;
        }
    }

    /** reject, suspend, activate: one status move with an optional reason. */
    abstract static class Move implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID|NAME") String banca;
        @Option(names = "--reason", description = "Why (kept in the audit log)") String reason;
        @Option(names = "--json", description = "Print JSON") boolean json;

        abstract Bancas.Banca move(Bancas bancas, java.util.UUID id, String reason, String who);

        @Override
        public Integer call() {
            try (Stores s = new Stores(data)) {
                print(move(s.bancas, s.bancas.get(banca).id(), reason, AdminAudit.cliUser()), json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "pending -> rejected.")
    static class Reject extends Move {
        Bancas.Banca move(Bancas b, java.util.UUID id, String reason, String who) {
            return b.reject(id, reason, who);
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "active -> suspended: no new plays are routed to it.")
    static class Suspend extends Move {
        Bancas.Banca move(Bancas b, java.util.UUID id, String reason, String who) {
            return b.suspend(id, reason, who);
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "suspended -> active.")
    static class Activate extends Move {
        Bancas.Banca move(Bancas b, java.util.UUID id, String reason, String who) {
            return b.activate(id, reason, who);
        }
    }

    @Command(name = "credential", mixinStandardHelpOptions = true, description = "A banca's secrets: rotate, activate, revoke.",
            subcommands = {Rotate.class, ActivateCredential.class, Revoke.class})
    static class Credential implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue (or --secret: import) a new secret, inactive for signing; it verifies the banca's webhooks at once.")
    static class Rotate implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID|NAME") String banca;
        @Option(names = "--secret", description = "Import this secret instead of generating one (visible in the process list: "
                + "prefer --secret-stdin)") String secret;
        @Option(names = "--secret-stdin", description = "Import the banca's secret from stdin (one line)") boolean secretStdin;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            if (secret != null && secretStdin) throw new dev.yantra.config.UsageException("--secret and --secret-stdin exclude each other");
            String imported = secretStdin ? dev.yantra.cli.SecretStdin.read(System.in) : secret;
            try (Stores s = new Stores(data)) {
                printSecret(s.credentials.issue(s.bancas.get(banca).id(), imported, AdminAudit.cliUser()), json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Sign with this secret from now on; the previous one keeps verifying for the overlap.")
    static class ActivateCredential implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "KEY_ID") String keyId;
        @Option(names = "--overlap", description = "How long the previous secret still verifies (default 24h)") String overlap;
        @Option(names = "--activate-at", paramLabel = "TIME", description = "ISO-8601 instant to start signing with it (default: now)")
        String activateAt;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            java.time.Instant at;
            try {
                at = activateAt == null ? null : java.time.Instant.parse(activateAt);
            } catch (java.time.format.DateTimeParseException e) {
                throw new dev.yantra.config.UsageException("--activate-at must be an ISO-8601 instant such as 2026-12-03T02:00:00Z");
            }
            try (Stores s = new Stores(data)) {
                BancaCredentials.Credential c = s.credentials.activate(keyId, at,
                        overlap == null ? null : Durations.parse(overlap, "--overlap"), AdminAudit.cliUser());
                if (json) printJson(c.toJson());
                else System.out.println(c.keyId() + " " + c.state() + " since " + c.activatedAt());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "End a secret now (a leaked one).")
    static class Revoke implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "KEY_ID") String keyId;
        @Option(names = "--now", description = "Revoke at once (the only mode; accepted for the runbook's wording)") boolean now;
        @Option(names = "--reason", description = "Why (kept in the audit log)") String reason;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Stores s = new Stores(data)) {
                boolean changed = s.credentials.revoke(keyId, AdminAudit.cliUser(), reason);
                BancaCredentials.Credential c = s.credentials.get(keyId);
                if (json) {
                    Map<String, Object> m = c.toJson();
                    m.put("changed", changed);
                    printJson(m);
                } else {
                    System.out.println(changed ? "revoked " + keyId + " at " + c.revokedAt() : keyId + " was already revoked at " + c.revokedAt());
                }
            }
            return ExitCodes.OK;
        }
    }
}
