package dev.yantra.operator;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.operator.Operators.Operator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yantra operator onboard|create|list|show|update}: the operators table from the command line, audited as
 * cli:&lt;user&gt;. onboard is the whole sequence an operator needs before its first bet (see {@link Onboarding}).
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Manage casino operators (exit 0 ok, 1 unknown operator, 64 invalid arguments, 69 database unreachable).",
        subcommands = {OperatorCommand.Onboard.class, OperatorCommand.Create.class, OperatorCommand.ListAll.class, OperatorCommand.Show.class, OperatorCommand.Update.class})
public class OperatorCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static void print(Operator o, boolean json) {
        if (json) {
            CliSupport.printJson(o.toJson());
            return;
        }
        System.out.println("id                 " + o.id());
        System.out.println("name               " + o.name());
        System.out.println("status             " + o.status());
        System.out.println("currencies         " + String.join(",", o.allowedCurrencies()));
        System.out.println("wallet url         " + CliSupport.orDash(o.walletCallbackUrl()));
        System.out.println("compliance contact " + o.complianceContact());
        System.out.println("ip allow-list      " + (o.ipAllowList() == null ? "any" : String.join(",", o.ipAllowList())));
        System.out.println("rate limit         " + o.rateLimitPerSecond() + "/s");
        System.out.println("created            " + o.createdAt());
    }

    @Command(name = "onboard", mixinStandardHelpOptions = true,
            description = "Create an operator with its inbound and outbound credentials and an enabled table per game and currency, "
                    + "in one audited step; prints what the operator's engineer must configure (secrets shown once).")
    static class Onboard implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--name", required = true, description = "Unique name: letters, digits, . _ -") String name;
        @Option(names = "--compliance-contact", required = true, description = "Who the playbooks page (required)") String contact;
        @Option(names = "--currencies", required = true, description = "Comma-separated ISO codes, e.g. LKR,USD") String currencies;
        @Option(names = "--wallet-url", required = true, description = "Wallet callback base URL") String walletUrl;
        @Option(names = "--games", description = "Comma-separated game codes (default: every game of this build)") String games;
        @Option(names = "--wallet-secret-stdin", description = "Import the secret the operator's wallet already holds (stdin, one line) "
                + "instead of generating one") boolean walletSecretStdin;
        @Option(names = "--ip-allow-list", description = "Comma-separated addresses or CIDR blocks (default: any)") String ipAllowList;
        @Option(names = "--rate-limit", description = "Requests per second (default 100)") Integer rateLimit;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            String walletSecret = walletSecretStdin ? dev.yantra.cli.SecretStdin.read(System.in) : null;
            try (CliSupport s = CliSupport.open(data)) {
                Onboarding.Result r = new Onboarding(s.db, s.operators, s.credentials, s.audit, dev.yantra.games.GameRegistry.standard())
                        .onboard(new Onboarding.Request(new Operators.NewOperator(name, contact, CliSupport.csv(currencies), walletUrl,
                                CliSupport.csv(ipAllowList), rateLimit), CliSupport.csv(games), walletSecret), AdminAudit.cliUser());
                if (json) CliSupport.printJson(r.toJson());
                else printHandover(r, data.env().publicBaseUrlOrLocal());
            }
            return ExitCodes.OK;
        }

        /** What the operator's engineer configures on their side, in the order they need it. */
        static void printHandover(Onboarding.Result r, String apiBase) {
            Operator o = r.operator();
            CredentialStore.Issued in = r.inbound();
            CredentialStore.Issued out = r.outbound();
            String firstCurrency = o.allowedCurrencies().getFirst();
            System.out.println("Operator " + o.name() + " onboarded: id " + o.id() + ", status " + o.status() + ".");
            System.out.println();
            System.out.println("Hand this to the operator's engineer through a secure channel; the secrets are shown only now.");
            System.out.println();
            System.out.println("1. Your server calls Yantra (sign every request, docs/integration-guide.md)");
            System.out.println("   API base URL       " + apiBase);
            System.out.println("   operatorId         " + o.id());
            System.out.println("   key id             " + in.credential().kid() + "    (header x-yantra-key-id)");
            System.out.println("   secret             " + in.secret() + "    (HMAC-SHA256 key of x-yantra-signature)");
            System.out.println("   create a session   POST " + apiBase + "/v1/session  -> launchUrl for the player");
            System.out.println();
            System.out.println("2. Yantra calls your wallet (verify our signature, docs/wallet-api.md)");
            System.out.println("   wallet URL         " + o.walletCallbackUrl() + "    (we POST /balance, /bet, /win, /rollback under it)");
            System.out.println("   key id             " + out.credential().kid() + "    (we send it in x-yantra-key-id)");
            System.out.println("   secret             " + (out.secret() != null ? out.secret() : "(imported: the one your wallet already holds)"));
            System.out.println();
            System.out.println("3. Tables taking bets (a session for anything else is 422 game_not_available)");
            for (var t : r.tables()) System.out.println("   " + t.gameCode() + " in " + t.currency());
            System.out.println();
            System.out.println("Before go-live, check the wallet against the contract:");
            System.out.println("   yantra wallet conformance --url " + o.walletCallbackUrl() + " --kid " + out.credential().kid()
                    + " --secret-stdin --operator-id " + o.id() + " --player <test player> --currency " + firstCurrency);
            System.err.println("Allowed source addresses: " + (o.ipAllowList() == null ? "any" : String.join(",", o.ipAllowList()))
                    + "; rate limit " + o.rateLimitPerSecond() + "/s. Audited as operator.onboard (GET /v1/admin/audit).");
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an operator (status ACTIVE).")
    static class Create implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--name", required = true, description = "Unique name: letters, digits, . _ -") String name;
        @Option(names = "--compliance-contact", required = true, description = "Who the playbooks page (required)") String contact;
        @Option(names = "--currencies", required = true, description = "Comma-separated ISO codes, e.g. LKR,USD") String currencies;
        @Option(names = "--wallet-url", required = true, description = "Wallet callback base URL") String walletUrl;
        @Option(names = "--ip-allow-list", description = "Comma-separated addresses or CIDR blocks (default: any)") String ipAllowList;
        @Option(names = "--rate-limit", description = "Requests per second (default 100)") Integer rateLimit;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (CliSupport s = CliSupport.open(data)) {
                Operator o = s.operators.create(new Operators.NewOperator(name, contact, CliSupport.csv(currencies), walletUrl,
                        CliSupport.csv(ipAllowList), rateLimit), AdminAudit.cliUser());
                print(o, json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List operators.")
    static class ListAll implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (CliSupport s = CliSupport.open(data)) {
                List<Operator> all = s.operators.list();
                if (json) {
                    CliSupport.printJson(all.stream().map(Operator::toJson).toList());
                } else {
                    Table t = Table.of("ID", "NAME", "STATUS", "CURRENCIES", "RATE/S").rightAligned("RATE/S");
                    for (Operator o : all) {
                        t.row(o.id(), o.name(), o.status(), String.join(",", o.allowedCurrencies()), o.rateLimitPerSecond());
                    }
                    t.print(System.out);
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one operator and its credentials.")
    static class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID|NAME") String idOrName;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (CliSupport s = CliSupport.open(data)) {
                Operator o = s.operators.get(idOrName);
                if (json) {
                    var m = o.toJson();
                    m.put("credentials", s.credentials.list(o.id()).stream().map(CredentialStore.Credential::toJson).toList());
                    CliSupport.printJson(m);
                } else {
                    print(o, false);
                    System.out.println();
                    CredentialCommand.printCredentials(s.credentials.list(o.id()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change an operator's status, wallet URL, allow-list or limits.")
    static class Update implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID|NAME") String idOrName;
        @Option(names = "--status", description = "ACTIVE, PAUSED or TERMINATED (final)") String status;
        @Option(names = "--wallet-url", description = "Wallet callback base URL") String walletUrl;
        @Option(names = "--ip-allow-list", description = "Comma-separated addresses/CIDR blocks; 'any' clears it") String ipAllowList;
        @Option(names = "--rate-limit", description = "Requests per second") Integer rateLimit;
        @Option(names = "--compliance-contact", description = "Who the playbooks page") String contact;
        @Option(names = "--currencies", description = "Comma-separated ISO codes") String currencies;
        @Option(names = "--embed-origins", description = "Sites that may frame /play, comma-separated https://host[:port]; 'none' clears") String embedOrigins;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (CliSupport s = CliSupport.open(data)) {
                if (embedOrigins != null) {
                    s.operators.setEmbedOrigins(idOrName, "none".equalsIgnoreCase(embedOrigins.trim()) ? List.of()
                            : CliSupport.csv(embedOrigins), AdminAudit.cliUser());
                }
                List<String> allow = ipAllowList == null ? null : "any".equalsIgnoreCase(ipAllowList.trim()) ? List.of() : CliSupport.csv(ipAllowList);
                Operator o = s.operators.update(idOrName, new Operators.OperatorChanges(status, walletUrl, allow, rateLimit, contact,
                        CliSupport.csv(currencies)), AdminAudit.cliUser());
                print(o, json);
            }
            return ExitCodes.OK;
        }
    }
}
