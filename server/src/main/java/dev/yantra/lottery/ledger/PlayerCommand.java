package dev.yantra.lottery.ledger;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.money.LotteryCurrency;
import dev.yantra.lottery.player.PlayerAccounts;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yantra player list|show|credit}: lottery players and their wallets from the command line. It lives
 * beside the ledger because {@code show} and {@code credit} are wallet operations; a credit is a deposit audited
 * as cli:&lt;os user&gt; with the reason given. There is deliberately no command that takes money out.
 */
@Command(name = "player", mixinStandardHelpOptions = true,
        description = "Lottery players and their wallets (exit 0 ok, 1 unknown player, 64 invalid arguments, 69 database unreachable).",
        subcommands = {PlayerCommand.ListAll.class, PlayerCommand.Show.class, PlayerCommand.Credit.class})
public class PlayerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The stores over the CLI's database. */
    private record Stores(Database db, PlayerAccounts accounts, PlayerLedger ledger, PlayerDeposits deposits) implements AutoCloseable {
        static Stores open(DataDirOption data) {
            Database db = data.openDatabase();
            AdminAudit audit = new AdminAudit(db.jdbc());
            PlayerLedger ledger = new PlayerLedger(db.jdbc(), audit, NodeClock.system());
            return new Stores(db, new PlayerAccounts(db.jdbc(), NodeClock.system()), ledger, new PlayerDeposits(ledger, audit, db));
        }

        PlayerAccounts.Player find(String idOrPhone) {
            try {
                return accounts.find(idOrPhone);
            } catch (ApiException e) {
                throw new UsageException("--player: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            db.close();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List players, newest first.")
    static class ListAll implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--limit", description = "At most this many (1-1000, default 100)") int limit = 100;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Stores s = Stores.open(data)) {
                List<PlayerAccounts.Player> all = s.accounts.list(limit);
                if (json) {
                    printJson(all.stream().map(PlayerCommand::toJson).toList());
                    return ExitCodes.OK;
                }
                Table t = Table.of("ID", "PHONE", "STATUS", "CREATED", "NAME");
                for (PlayerAccounts.Player p : all) {
                    t.row(p.id(), p.phone(), p.status(), p.createdAt().toString().substring(0, 19), p.name());
                }
                t.print(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one player, the balances and the newest movements.")
    static class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "PHONE|ID") String player;
        @Option(names = "--movements", description = "How many movements (1-500, default 20)") int movements = 20;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Stores s = Stores.open(data)) {
                PlayerAccounts.Player p = s.find(player);
                List<PlayerLedger.Balance> balances = s.ledger.balances(p.id());
                List<PlayerLedger.Movement> recent = s.ledger.movements(p.id(), movements);
                if (json) {
                    Map<String, Object> m = toJson(p);
                    m.put("blocked", s.ledger.blocked(p.id()));
                    m.put("balances", balances.stream().map(b -> Map.of("currency", b.currency(),
                            "balance", LotteryAmount.format(b.balanceMicro()))).toList());
                    m.put("movements", recent.stream().map(PlayerCommand::toJson).toList());
                    printJson(m);
                    return ExitCodes.OK;
                }
                System.out.println("id             " + p.id());
                System.out.println("phone          " + p.phone());
                System.out.println("email          " + (p.email() == null ? "-" : p.email()));
                System.out.println("name           " + p.name());
                System.out.println("date of birth  " + p.dateOfBirth());
                System.out.println("status         " + p.status() + (s.ledger.blocked(p.id()) ? " (wallet blocked: negative balance)" : ""));
                System.out.println("created        " + p.createdAt());
                for (PlayerLedger.Balance b : balances) {
                    System.out.println("balance        " + LotteryCurrency.valueOf(b.currency()).format(b.balanceMicro()));
                }
                System.out.println();
                Table t = Table.of("WHEN", "KIND", "AMOUNT", "BY", "REFERENCE").rightAligned("AMOUNT");
                for (PlayerLedger.Movement mv : recent) {
                    t.row(mv.createdAt().toString().substring(0, 19), mv.kind().wire(),
                            LotteryCurrency.valueOf(mv.currency()).format(mv.amountMicro()), mv.createdBy(), mv.reference());
                }
                t.print(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "credit", mixinStandardHelpOptions = true,
            description = "Deposit into a player's wallet (audited as cli:<user>, with the reason). Replaying --idempotency-key changes nothing.")
    static class Credit implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--player", required = true, paramLabel = "PHONE|ID", description = "The player") String player;
        @Option(names = "--currency", required = true, description = "DOP or USD") String currency;
        @Option(names = "--amount", required = true, description = "Units, at most 2 decimals, e.g. 500 or 12.50") String amount;
        @Option(names = "--reason", required = true, description = "Why (kept in the audit log)") String reason;
        @Option(names = "--idempotency-key", description = "Makes a retried command safe (default: a new key each run)") String key;

        @Override
        public Integer call() {
            String code = currency.toUpperCase(Locale.ROOT);
            if (LotteryCurrency.fromWire(code).isEmpty()) throw new UsageException("--currency must be DOP or USD, was " + currency);
            long micro = LotteryAmount.parse(amount);
            if (reason.isBlank()) throw new UsageException("--reason must not be blank");
            try (Stores s = Stores.open(data)) {
                PlayerAccounts.Player p = s.find(player);
                String idempotencyKey = key != null ? key : "cli:" + UUID.randomUUID();
                PlayerDeposits.Credited c = s.deposits.credit(p.id(), code, micro, reason, idempotencyKey, AdminAudit.cliUser());
                LotteryCurrency cur = LotteryCurrency.valueOf(code);
                System.out.println((c.applied() ? "credited " : "already credited (same key) ") + cur.format(micro) + " to "
                        + p.phone() + "; balance " + cur.format(c.balanceMicro()));
            }
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> toJson(PlayerAccounts.Player p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("phone", p.phone());
        m.put("email", p.email());
        m.put("name", p.name());
        m.put("dateOfBirth", p.dateOfBirth().toString());
        m.put("status", p.status());
        m.put("createdAt", p.createdAt().toString());
        return m;
    }

    private static Map<String, Object> toJson(PlayerLedger.Movement mv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", mv.id().toString());
        m.put("currency", mv.currency());
        m.put("amount", LotteryAmount.format(mv.amountMicro()));
        m.put("kind", mv.kind().wire());
        m.put("reference", mv.reference());
        m.put("createdBy", mv.createdBy());
        m.put("createdAt", mv.createdAt().toString());
        return m;
    }

    private static void printJson(Object value) {
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }
}
