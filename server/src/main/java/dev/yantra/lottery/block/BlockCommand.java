package dev.yantra.lottery.block;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra lottery block add|list|remove}: refuse a source address range on the player API (every node within
 * a second), on the database directly, audited. Exit codes: 0 done (also adding a range already blocked),
 * 1 removing a range that is not blocked, 64 bad usage (not a CIDR, no reason), 69 database down.
 */
@Command(name = "block", mixinStandardHelpOptions = true,
        description = "Block a source address range (IPv4 or IPv6 CIDR) on the player API /api/v1/**: 403 address_blocked on every node within 1 s.",
        subcommands = {BlockCommand.Add.class, BlockCommand.ListBlocks.class, BlockCommand.Remove.class})
public class BlockCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static AddressBlocks blocks(Database db) {
        return new AddressBlocks(db.jdbc(), db.tx(), new AdminAudit(db.jdbc()));
    }

    static void print(AddressBlocks.Block b, boolean json, String sentence) {
        if (json) System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(b.toJson()));
        else System.out.println(sentence);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Block a range, e.g. --cidr 203.0.113.0/24 --reason \"credential stuffing\".")
    static class Add implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--cidr", required = true, paramLabel = "CIDR", description = "203.0.113.0/24, 2001:db8::/32, or one address") String cidr;
        @Option(names = "--reason", required = true, description = "Why (kept with the block and in the audit log)") String reason;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                AddressBlocks.Added a = blocks(db).add(cidr, reason, AdminAudit.cliUser());
                print(a.block(), json, a.created()
                        ? "blocked " + a.block().cidr() + " on the player API (block " + a.block().id() + "; every node within 1 s)"
                        : a.block().cidr() + " was already blocked (block " + a.block().id() + " by " + a.block().createdBy() + "); nothing changed");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List active blocks, newest first.")
    static class ListBlocks implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--all", description = "Include removed blocks") boolean all;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                List<AddressBlocks.Block> found = blocks(db).list(all);
                if (json) {
                    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                            Map.of("blocks", found.stream().map(AddressBlocks.Block::toJson).toList(), "count", found.size())));
                    return ExitCodes.OK;
                }
                System.out.printf("%6s  %-43s  %-24s  %-20s  %-8s  %s%n", "ID", "CIDR", "SINCE", "BY", "ACTIVE", "REASON");
                for (AddressBlocks.Block b : found) {
                    System.out.printf("%6d  %-43s  %-24s  %-20s  %-8s  %s%n", b.id(), b.cidr(), b.createdAt(), b.createdBy(),
                            b.removedAt() == null ? "yes" : "removed", b.reason());
                }
                System.out.println(found.size() + " block(s)");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Lift the block of a range (the row stays, marked removed).")
    static class Remove implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--cidr", required = true, paramLabel = "CIDR") String cidr;
        @Option(names = "--reason", description = "Why (kept in the audit log)") String reason;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                AddressBlocks.Block b = blocks(db).remove(cidr, reason, AdminAudit.cliUser());
                print(b, json, "unblocked " + b.cidr() + " (block " + b.id() + "; every node within 1 s)");
                return ExitCodes.OK;
            }
        }
    }
}
