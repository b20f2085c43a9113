package dev.yantra.lottery.withdrawals;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.lottery.money.LotteryCurrency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code yantra lottery withdrawal list|approve|reject|paid}: the admin API's withdrawal actions on the database
 * directly, audited as cli:&lt;user&gt;. Exit codes: 0 done, 1 no such withdrawal or not in a state that allows it,
 * 64 bad arguments, 69 database down.
 */
@Command(name = "withdrawal", mixinStandardHelpOptions = true,
        description = "Players' withdrawals: list them, approve or reject a request, record one as paid (audited).",
        subcommands = {WithdrawalCommand.ListAll.class, WithdrawalCommand.Approve.class, WithdrawalCommand.Reject.class,
                WithdrawalCommand.Paid.class})
public class WithdrawalCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static int with(DataDirOption data, String command, Function<Withdrawals, String> action) {
        try (Database db = data.openDatabase()) {
            System.out.println(action.apply(WithdrawalsConfiguration.build(db)));
            return ExitCodes.OK;
        } catch (NotFoundException | WithdrawalConflictException e) {
            System.err.println("yantra lottery withdrawal " + command + ": " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
    }

    static UUID id(String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("the withdrawal must be an id (a UUID), was '" + text + "'");
        }
    }

    static String line(Withdrawal w) {
        return String.format("%-36s  %-9s  %16s  %-36s  %-20s  %s", w.id(), w.state().wire(),
                LotteryCurrency.valueOf(w.currency()).format(w.amountMicro()), w.userId(), w.createdAt().toString().substring(0, 19),
                w.destination());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List withdrawals, oldest first (default: those waiting, requested).")
    static class ListAll implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--status", description = "requested (default), approved, rejected, paid or all") String status = "requested";
        @Option(names = "--limit", description = "At most this many (1-500, default 100)") int limit = 100;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            Optional<WithdrawalState> state = status.equals("all") ? Optional.empty() : Optional.of(WithdrawalState.fromWire(status)
                    .orElseThrow(() -> new UsageException("--status must be requested, approved, rejected, paid or all, was " + status)));
            return with(data, "list", w -> {
                List<Withdrawal> all = w.list(state, limit);
                if (json) return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(all.stream().map(Withdrawal::toAdminJson).toList());
                StringBuilder out = new StringBuilder(String.format("%-36s  %-9s  %16s  %-36s  %-20s  %s", "ID", "STATUS", "AMOUNT",
                        "PLAYER", "REQUESTED", "DESTINATION"));
                all.forEach(x -> out.append('\n').append(line(x)));
                return out.toString();
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "requested -> approved: it may be paid (no money moves).")
    static class Approve implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "WITHDRAWAL_ID") String id;

        @Override
        public Integer call() {
            UUID wid = id(id);
            return with(data, "approve", w -> "approved: " + line(w.approve(wid, AdminAudit.cliUser())));
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "requested or approved -> rejected: the amount goes back to the player's wallet.")
    static class Reject implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "WITHDRAWAL_ID") String id;
        @Option(names = "--reason", required = true, description = "Why (the player sees it; kept in the audit log)") String reason;

        @Override
        public Integer call() {
            UUID wid = id(id);
            return with(data, "reject", w -> "rejected, amount returned to the wallet: " + line(w.reject(wid, reason, AdminAudit.cliUser())));
        }
    }

    @Command(name = "paid", mixinStandardHelpOptions = true, description = "approved -> paid: record the payment made outside Yantra.")
    static class Paid implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "WITHDRAWAL_ID") String id;
        @Option(names = "--reference", required = true, description = "The transfer's reference (bank, receipt number)") String reference;

        @Override
        public Integer call() {
            UUID wid = id(id);
            return with(data, "paid", w -> "paid: " + line(w.markPaid(wid, reference, AdminAudit.cliUser())));
        }
    }
}
