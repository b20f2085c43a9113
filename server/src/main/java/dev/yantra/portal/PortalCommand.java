package dev.yantra.portal;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.signing.SecretBox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yantra portal user create|invite|list|disable|reset-mfa}: the portal's users from a shell with database
 * access. The first platform admin is made here; everyone after can be invited from the portal too. Every command
 * writes the same audit rows as the portal's users page, with changed_by = cli:&lt;os user&gt;.
 */
@Command(name = "portal", mixinStandardHelpOptions = true, description = "The operator portal (/portal): its users.",
        subcommands = PortalCommand.User.class)
public class PortalCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The stores over a CLI database connection. */
    record Stores(PortalUsers users, SecondFactor factor, Invitations invitations) {
        static Stores of(Database db, YantraEnv env) {
            AdminAudit audit = new AdminAudit(db.jdbc());
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
            PortalUsers users = new PortalUsers(db.jdbc(), audit, dev.yantra.config.NodeClock.system());
            SecondFactor factor = new SecondFactor(db.jdbc(), tx, () -> new SecretBox(MasterKey.resolve(env)), audit, dev.yantra.config.NodeClock.system());
            return new Stores(users, factor, new Invitations(db.jdbc(), tx, users, audit, dev.yantra.config.NodeClock.system()));
        }
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Create, invite, list, disable portal users; reset their second factor.",
            subcommands = {Create.class, Invite.class, ListUsers.class, Disable.class, ResetMfa.class})
    static class User implements Runnable {
        @Override
        public void run() {
            new CommandLine(this).usage(System.out);
        }
    }

    static UUID operator(Database db, PortalRole role, String ref) {
        if (role.platform()) {
            if (ref != null) throw new IllegalArgumentException(role.label() + " belongs to no operator: drop --operator");
            return null;
        }
        if (ref == null) throw new IllegalArgumentException(role.label() + " needs --operator ID|NAME");
        return Cli.resolveOperator(db.jdbc(), ref);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user. Without --password-stdin a random password is generated and printed once.")
    static class Create implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--username", required = true) String username;
        @Option(names = "--role", required = true, description = "platform-admin, platform-support, operator-admin, operator-finance, operator-support, operator-read-only") String role;
        @Option(names = "--operator", paramLabel = "ID|NAME", description = "The operator of an operator-* role") String operator;
        @Option(names = "--password-stdin", description = "Read the password from stdin (one line)") boolean passwordStdin;
        @Option(names = "--with-totp", description = "Enrol the second factor now and print its secret and recovery codes (else at first login)") boolean withTotp;

        @Override
        public Integer call() throws IOException {
            PortalRole r = PortalRole.parse(role);
            String password = passwordStdin ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : generated();
            try (Database db = data.openDatabase()) {
                Stores s = Stores.of(db, data.env());
                PortalUser u = s.users().create(username, password, r, operator(db, r, operator), Cli.changedBy());
                System.out.println("portal user " + u.username() + " (" + r.label() + ") created");
                if (!passwordStdin) System.out.println("password: " + password + "   (shown once)");
                if (withTotp) {
                    SecondFactor.Enrolment e = s.factor().enrolNow(u.id(), u.username(), Cli.changedBy());
                    System.out.println("totp secret: " + e.secret() + "   (add to an authenticator app; shown once)");
                    System.out.println("totp uri: " + Totp.uri(SecondFactor.ISSUER, u.username(), e.secret()));
                    System.out.println("recovery codes: " + String.join(" ", e.recoveryCodes()));
                } else {
                    System.out.println("the second factor is set up at the first login on /portal/login");
                }
            }
            return ExitCodes.OK;
        }
    }

    static String generated() {
        byte[] b = new byte[15];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Command(name = "invite", mixinStandardHelpOptions = true,
            description = "Create a one-time invitation link (valid 72 h); hand it over yourself, no mail is sent.")
    static class Invite implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--username", required = true) String username;
        @Option(names = "--role", required = true) String role;
        @Option(names = "--operator", paramLabel = "ID|NAME") String operator;

        @Override
        public Integer call() {
            PortalRole r = PortalRole.parse(role);
            YantraEnv env = data.env();
            try (Database db = data.openDatabase()) {
                String token = Stores.of(db, env).invitations().invite(username, r, operator(db, r, operator), Cli.changedBy());
                String base = env.publicBaseUrl().orElse("http://localhost:" + env.port());
                System.out.println(base + "/portal/invite/" + token);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users (of one operator with --operator).")
    static class ListUsers implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--operator", paramLabel = "ID|NAME") String operator;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                Optional<UUID> op = operator == null ? Optional.empty() : Optional.of(Cli.resolveOperator(db.jdbc(), operator));
                Table t = Table.of("USERNAME", "ROLE", "OPERATOR", "MFA", "LOCKED", "STATUS", "CREATED BY");
                for (PortalUsers.Listed u : Stores.of(db, data.env()).users().list(op)) {
                    t.row(u.username(), u.role().label(), u.operatorId(), u.mfaEnrolled() ? "yes" : "no", u.locked() ? "yes" : "no",
                            u.disabled() ? "disabled" : "active", u.createdBy());
                }
                t.print(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user and end its sessions on every node.")
    static class Disable implements Callable<Integer> {
        @Mixin DataDirOption data;
        @CommandLine.Parameters(paramLabel = "USERNAME") String username;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                boolean changed = Stores.of(db, data.env()).users().disable(username, Cli.changedBy());
                System.out.println(changed ? "portal user " + username + " disabled; its sessions ended" : "already disabled");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "reset-mfa", mixinStandardHelpOptions = true,
            description = "Remove a user's authenticator and recovery codes and end its sessions; the next login enrols anew.")
    static class ResetMfa implements Callable<Integer> {
        @Mixin DataDirOption data;
        @CommandLine.Parameters(paramLabel = "USERNAME") String username;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                Stores.of(db, data.env()).users().resetMfa(username, Cli.changedBy());
                System.out.println("second factor of " + username + " removed; it enrols again at its next login");
            }
            return ExitCodes.OK;
        }
    }
}
