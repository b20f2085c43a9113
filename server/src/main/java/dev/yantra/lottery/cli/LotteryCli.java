package dev.yantra.lottery.cli;

import dev.yantra.cli.Table;
import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.NodeClock;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.lottery.catalog.Lottery;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.draw.Draw;
import dev.yantra.lottery.draw.DrawCancellation;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawStore;
import dev.yantra.lottery.draw.LotteryApiController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The catalog and draw subcommands of {@code yantra lottery}; they act on the database directly. */
public final class LotteryCli {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private LotteryCli() {
    }

    static String local(Instant instant, Lottery l) {
        return ZonedDateTime.ofInstant(instant, l.zone()).format(LOCAL);
    }

    static Lottery lottery(LotteryCatalog catalog, String id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundException("no lottery '" + id + "'"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the lotteries of the catalog with their next draw (times in the lottery's zone).")
    public static class ListLotteries implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                LotteryCatalog catalog = new LotteryCatalog(db.jdbc());
                DrawDirectory draws = new DrawDirectory(db.jdbc(), NodeClock.system());
                List<Lottery> all = catalog.all();
                if (json) {
                    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(all.stream().map(l -> {
                        Map<String, Object> out = LotteryApiController.lottery(l);
                        out.put("enabled", l.enabled());
                        out.put("nextDraws", draws.upcoming(l.id(), 1).stream().map(LotteryApiController::draw).toList());
                        return out;
                    }).toList()));
                    return ExitCodes.OK;
                }
                Table t = Table.of("ID", "NAME", "TIME ZONE", "CLOSE", "ENABLED", "NEXT DRAW", "BET TYPES").rightAligned("CLOSE");
                for (Lottery l : all) {
                    Optional<Draw> next = draws.upcoming(l.id(), 1).stream().findFirst();
                    t.row(l.id(), l.name(), l.zone().getId(), l.closeMinutes() + "m", l.enabled() ? "yes" : "no",
                            next.map(d -> local(d.drawTime(), l) + " " + d.state()).orElse("-"),
                            String.join(",", new TreeSet<>(l.betTypes())));
                }
                t.print(System.out);
                System.out.println(all.size() + " lotter" + (all.size() == 1 ? "y" : "ies"));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "draws", mixinStandardHelpOptions = true,
            description = "List a lottery's draws in a window (default: the next 48 hours).")
    public static class ListDraws implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--lottery", required = true, paramLabel = "ID", description = "The lottery, e.g. leidsa") String lotteryId;
        @Option(names = "--from", paramLabel = "INSTANT|DATE", description = "Start (ISO-8601 instant, or a date in the lottery's zone; default now)") String from;
        @Option(names = "--to", paramLabel = "INSTANT|DATE", description = "End, exclusive (default 48 hours after --from)") String to;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                Lottery l = lottery(new LotteryCatalog(db.jdbc()), lotteryId);
                Instant start = from == null ? NodeClock.system().instant() : parse("--from", from, l);
                Instant end = to == null ? start.plus(Duration.ofHours(48)) : parse("--to", to, l);
                if (!end.isAfter(start)) throw new UsageException("--to must be after --from");
                List<Draw> list = new DrawDirectory(db.jdbc(), NodeClock.system()).between(l.id(), start, end, DrawDirectory.MAX_LIST);
                if (json) {
                    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                            list.stream().map(LotteryApiController::draw).toList()));
                    return ExitCodes.OK;
                }
                Table t = Table.of("ID", "DRAW TIME", "CLOSES AT", "STATE");
                for (Draw d : list) t.row(d.id(), local(d.drawTime(), l), local(d.closesAt(), l), d.state());
                t.print(System.out);
                System.out.println(list.size() + " draw(s)" + (list.size() == DrawDirectory.MAX_LIST ? " (the first "
                        + DrawDirectory.MAX_LIST + "; narrow the window for more)" : ""));
                return ExitCodes.OK;
            }
        }

        private static Instant parse(String name, String text, Lottery l) {
            try {
                return LotteryApiController.instant(name, text, l);
            } catch (dev.yantra.api.ApiException e) {
                throw new UsageException(e.getMessage().replace("'" + name + "'", name));
            }
        }
    }

    @Command(name = "draw", mixinStandardHelpOptions = true, description = "Act on one draw.",
            subcommands = {CancelDraw.class})
    public static class DrawGroup implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a draw not yet settled (audited). In the same transaction every play of it that still holds money "
                    + "(pending or confirmed) is cancelled and refunded, and its open forwarding jobs are closed.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:cancelled", "1:no such draw, it is already SETTLED or CANCELLED, or some of its plays were already evaluated against a result", "64:bad arguments",
                    "69:the database is unavailable"})
    public static class CancelDraw implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--draw", required = true, paramLabel = "DRAW_ID", description = "The draw's id") String drawId;
        @Option(names = "--reason", required = true, description = "Why (kept on the draw and in the audit log)") String reason;

        @Override
        public Integer call() {
            UUID id;
            try {
                id = UUID.fromString(drawId.trim());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--draw must be a draw id (a UUID), was '" + drawId + "'");
            }
            if (reason.isBlank()) throw new UsageException("--reason must not be blank");
            try (Database db = data.openDatabase()) {
                DrawDirectory directory = new DrawDirectory(db.jdbc(), NodeClock.system());
                DrawCancellation cancellation = new DrawCancellation(db.tx(), directory, new DrawStore(db.jdbc()),
                        new AdminAudit(db.jdbc()), NodeClock.system(), dev.yantra.lottery.plays.CancelledDrawPlays.standalone(db.jdbc(),
                        new dev.yantra.lottery.payments.PaymentJobs(db.jdbc())));
                DrawCancellation.Cancelled c = cancellation.cancel(id, reason, AdminAudit.cliUser());
                System.out.println("draw " + c.drawId() + " of " + c.lotteryId() + " cancelled (was " + c.from() + "); "
                        + c.plays().cancelled() + " play(s) cancelled and refunded (" + c.plays().confirmedRefunded()
                        + " of them confirmed), " + c.plays().jobsClosed() + " forwarding job(s) closed");
                return ExitCodes.OK;
            } catch (DrawCancellation.AlreadyFinalException | dev.yantra.lottery.plays.CancelledDrawPlays.PlaysAlreadyEvaluatedException e) {
                System.err.println("yantra lottery draw cancel: " + e.getMessage());
                return ExitCodes.CHECK_FAILED;
            }
        }
    }
}
