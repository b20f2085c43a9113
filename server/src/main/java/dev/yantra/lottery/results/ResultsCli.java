package dev.yantra.lottery.results;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawStore;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.money.LotteryAmount;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yantra lottery result ...} and {@code yantra lottery prize approve}: the admin API's results actions on
 * the database directly, audited as cli:&lt;user&gt;. Exit codes: 0 done, 1 no such draw/play or not in a state
 * that allows it, 64 bad arguments, 69 database down.
 */
public final class ResultsCli {
    private ResultsCli() {
    }

    static <T> int withResults(DataDirOption data, String command, Function<Results, T> action, Function<T, String> print) {
        try (Database db = data.openDatabase()) {
            Clock clock = NodeClock.system();
            Results results = ResultsConfiguration.build(db, new ResultStore(db.jdbc()), new DrawDirectory(db.jdbc(), clock),
                    new DrawStore(db.jdbc()), new PlayerLedger(db.jdbc(), new AdminAudit(db.jdbc()), clock), clock);
            System.out.println(print.apply(action.apply(results)));
            return ExitCodes.OK;
        } catch (NotFoundException | ResultConflictException e) {
            System.err.println("yantra lottery " + command + ": " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
    }

    static UUID id(String name, String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " must be an id (a UUID), was '" + text + "'");
        }
    }

    static String entered(Results.Entered e) {
        Settlement.Outcome o = e.settlement();
        return "draw " + e.result().drawId() + ": " + StoredResult.describe(e.result().result()) + " (revision "
                + e.result().revision() + ")" + (e.result().releasable() ? "" : ", waiting for a second admin's confirmation")
                + "; settled " + o.evaluated() + " play(s), " + o.credited() + " prize(s) credited, " + o.awaitingApproval()
                + " awaiting approval" + (o.corrected() > 0 ? ", " + o.corrected() + " re-evaluated" : "")
                + (o.drawSettled() ? "; draw SETTLED" : "");
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Enter the result of a CLOSED draw (audited); its plays are settled unless four-eyes is on.")
    public static class SetResult implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--draw", required = true, paramLabel = "DRAW_ID") String draw;
        @Option(names = "--numbers", required = true, paramLabel = "NN,NN,NN", description = "1st, 2nd and 3rd prize, e.g. 12,34,56") String numbers;
        @Option(names = "--pick3", paramLabel = "NNN", description = "The 3-digit number (lotteries with pick-3 bet types)") String pick3;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            UUID drawId = id("--draw", draw);
            var result = Results.parse(numbers, pick3);
            return withResults(data, "result set", r -> r.set(drawId, result, AdminAudit.cliUser(), "cli"),
                    e -> json ? Json.write(e.toJson()) : entered(e));
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "Confirm a result as the second admin (four-eyes); then its plays are settled.")
    public static class ConfirmResult implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--draw", required = true, paramLabel = "DRAW_ID") String draw;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            UUID drawId = id("--draw", draw);
            return withResults(data, "result confirm", r -> r.confirm(drawId, AdminAudit.cliUser()),
                    e -> json ? Json.write(e.toJson()) : entered(e));
        }
    }

    @Command(name = "correct", mixinStandardHelpOptions = true,
            description = "Correct a result after entry or settlement (audited): changed prizes are reversed and re-credited.")
    public static class CorrectResult implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--draw", required = true, paramLabel = "DRAW_ID") String draw;
        @Option(names = "--numbers", required = true, paramLabel = "NN,NN,NN") String numbers;
        @Option(names = "--pick3", paramLabel = "NNN") String pick3;
        @Option(names = "--reason", required = true, description = "Why (kept in the audit log and on the ledger entries)") String reason;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            UUID drawId = id("--draw", draw);
            var result = Results.parse(numbers, pick3);
            if (reason.isBlank()) throw new UsageException("--reason must not be blank");
            return withResults(data, "result correct", r -> r.correct(drawId, result, reason, AdminAudit.cliUser()),
                    e -> json ? Json.write(e.toJson()) : entered(e));
        }
    }

    @Command(name = "settle", mixinStandardHelpOptions = true,
            description = "Settle a RESULTED draw now (again): plays already settled are left as they are.")
    public static class SettleDraw implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--draw", required = true, paramLabel = "DRAW_ID") String draw;

        @Override
        public Integer call() {
            UUID drawId = id("--draw", draw);
            return withResults(data, "result settle", r -> r.settle(drawId, AdminAudit.cliUser()),
                    o -> "settled " + o.evaluated() + " play(s), " + o.credited() + " prize(s) credited, "
                            + o.awaitingApproval() + " awaiting approval" + (o.drawSettled() ? "; draw SETTLED" : ""));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a draw's result (JSON).")
    public static class ShowResult implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--draw", required = true, paramLabel = "DRAW_ID") String draw;

        @Override
        public Integer call() {
            UUID drawId = id("--draw", draw);
            return withResults(data, "result show", r -> r.find(drawId)
                    .orElseThrow(() -> new NotFoundException("draw " + drawId + " has no result")), s -> Json.write(s.toJson()));
        }
    }

    @Command(name = "four-eyes", mixinStandardHelpOptions = true,
            description = "Require (or stop requiring) a second admin's confirmation of a lottery's results (audited).")
    public static class FourEyes implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--lottery", required = true, paramLabel = "ID") String lottery;
        @Option(names = "--required", required = true, arity = "1", paramLabel = "true|false") boolean required;

        @Override
        public Integer call() {
            return withResults(data, "result four-eyes", r -> {
                r.setFourEyes(lottery, required, AdminAudit.cliUser());
                return lottery;
            }, l -> "lottery " + l + ": four-eyes " + (required ? "required" : "off"));
        }
    }

    @Command(name = "prize", mixinStandardHelpOptions = true, description = "Prizes waiting for an admin.",
            subcommands = {ApprovePrize.class, PrizeTaxRate.class})
    public static class PrizeGroup implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a prize above the threshold: it is credited to the player's wallet once (audited).")
    public static class ApprovePrize implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--play", required = true, paramLabel = "PLAY_ID") String play;

        @Override
        public Integer call() {
            UUID playId = id("--play", play);
            return withResults(data, "prize approve", r -> r.approvePrize(playId, AdminAudit.cliUser()),
                    micro -> "play " + playId + ": prize " + LotteryAmount.format(micro) + " credited");
        }
    }

    @Command(name = "tax", mixinStandardHelpOptions = true,
            description = "Show, or with --rate set, a lottery's prize tax rate: the percent of each gross prize withheld (audited).")
    public static class PrizeTaxRate implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--lottery", required = true, paramLabel = "ID") String lottery;
        @Option(names = "--rate", paramLabel = "PERCENT", description = "e.g. 10 or 12.5 (0 = none; below 100)") BigDecimal rate;
        @Option(names = "--reason", description = "Why (kept in the audit log)") String reason;

        @Override
        public Integer call() {
            if (rate == null) {
                return withResults(data, "prize tax", r -> r.prizeTaxRate(lottery), p -> "lottery " + lottery + ": prize tax " + p.toPlainString() + " %");
            }
            return withResults(data, "prize tax", r -> r.setPrizeTaxRate(lottery, rate, reason, AdminAudit.cliUser()),
                    p -> "lottery " + lottery + ": prize tax set to " + p.toPlainString() + " %");
        }
    }
}
