package dev.yantra.lottery.results;

import dev.yantra.db.Rows;
import dev.yantra.api.Json;
import dev.yantra.lottery.bet.BetType;
import dev.yantra.lottery.bet.DrawResult;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.lottery.bet.PrizeEvaluator;
import dev.yantra.lottery.draw.Draw;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawState;
import dev.yantra.lottery.draw.DrawStore;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.money.LotteryAmount;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates a draw's confirmed plays against its released result, in batches of {@value #BATCH} plays, each batch
 * one transaction: a play is marked won/lost with its prize and, when it won, the prize is credited in the same
 * transaction (idempotency key {@code prize:<play>}; after a correction {@code prize:<play>:<revision>}). A play
 * remembers the result revision it was evaluated against, so a second run finds nothing to do and a correction
 * re-evaluates every play once: a changed prize is reversed ({@code prize-correction:<play>:<revision>}, an
 * audited adjustment, and the tax withheld from it returned by {@code tax-correction:<play>:<revision>}) and the new
 * one credited. Prizes above the lottery's threshold wait for an admin. Every credited prize is followed by its
 * tax withholding ({@code tax:<play>[:<revision>]}, kind tax_withholding) when the lottery's rate is above zero.
 * When no confirmed play is left unevaluated and none is still pending at the banca, the draw moves RESULTED →
 * SETTLED.
 */
public final class Settlement {
    /** The most plays one transaction settles. */
    public static final int BATCH = 200;
    /** Prizes above this many units wait for an admin's approval unless the lottery sets its own threshold. */
    public static final long DEFAULT_APPROVAL_THRESHOLD_MICRO = 100_000 * LotteryAmount.MICRO_PER_UNIT;
    public static final String STATUS_NONE = "none";
    public static final String STATUS_AWAITING = "awaiting_approval";
    public static final String STATUS_CREDITED = "credited";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ResultStore results;
    private final DrawDirectory draws;
    private final DrawStore drawStore;
    private final PlayerLedger ledger;
    private final Clock clock;

    public Settlement(JdbcClient jdbc, TransactionTemplate tx, ResultStore results, DrawDirectory draws, DrawStore drawStore,
                      PlayerLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.results = results;
        this.draws = draws;
        this.drawStore = drawStore;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What one run did. {@code drawSettled}: this run moved the draw to SETTLED. */
    public record Outcome(int evaluated, int credited, int awaitingApproval, int corrected, boolean drawSettled) {
        static final Outcome NOTHING = new Outcome(0, 0, 0, 0, false);

        Outcome plus(Outcome o) {
            return new Outcome(evaluated + o.evaluated, credited + o.credited, awaitingApproval + o.awaitingApproval,
                    corrected + o.corrected, drawSettled || o.drawSettled);
        }
    }

    /** A confirmed play as settlement reads it. */
    record SettledPlay(UUID id, UUID userId, String currency, BetType betType, List<String> numbers, long amountMicro,
                       PayoutTable frozen, String result, Long prizeMicro, String prizeStatus, Integer revision, Long taxMicro) {
    }

    /** What the lottery's settings say about prizes: the approval threshold and the tax rate (percent). */
    record PrizeRules(long thresholdMicro, BigDecimal taxRatePercent) {
    }

    /**
     * Settles what can be settled of the draw now; safe to run any number of times, from any node. Nothing happens
     * unless the draw is RESULTED or SETTLED and its result released (confirmed when four-eyes is on).
     */
    public Outcome run(UUID drawId, String by) {
        Draw draw = draws.find(drawId).orElse(null);
        if (draw == null || (draw.state() != DrawState.RESULTED && draw.state() != DrawState.SETTLED)) return Outcome.NOTHING;
        if (results.find(drawId).filter(StoredResult::releasable).isEmpty()) return Outcome.NOTHING;
        PrizeRules rules = rules(draw.lotteryId());
        Outcome total = Outcome.NOTHING;
        while (true) {
            Outcome batch = tx.execute(s -> batch(drawId, rules, by));
            total = total.plus(batch);
            if (batch.evaluated() < BATCH) break;
        }
        if (draw.state() == DrawState.RESULTED) {
            Boolean moved = tx.execute(s -> finish(drawId, by));
            if (Boolean.TRUE.equals(moved)) total = total.plus(new Outcome(0, 0, 0, 0, true));
        }
        return total;
    }

    private Outcome batch(UUID drawId, PrizeRules rules, String by) {
        StoredResult r = results.share(drawId).orElseThrow();
        List<SettledPlay> plays = jdbc.sql("""
                        SELECT id, user_id, currency, bet_type, numbers, amount_micro, payout_frozen::text AS frozen,
                               result, prize_amount_micro, prize_status, result_revision, prize_tax_micro
                          FROM plays
                         WHERE draw_id = ? AND status = 'CONFIRMED' AND (result_revision IS NULL OR result_revision < ?)
                         ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(drawId, r.revision(), BATCH)
                .query((rs, i) -> new SettledPlay(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getString("currency"), BetType.fromWire(rs.getString("bet_type")).orElseThrow(),
                        List.copyOf(Arrays.asList((String[]) rs.getArray("numbers").getArray())), rs.getLong("amount_micro"),
                        PayoutTable.fromMap(Json.MAPPER.readValue(rs.getString("frozen"), Map.class)), rs.getString("result"),
                        rs.getObject("prize_amount_micro", Long.class), rs.getString("prize_status"),
                        rs.getObject("result_revision", Integer.class), rs.getObject("prize_tax_micro", Long.class)))
                .list();
        int credited = 0, awaiting = 0, corrected = 0;
        for (SettledPlay p : plays) {
            String status = apply(p, r, rules, by);
            if (p.revision() != null) corrected++;
            if (STATUS_CREDITED.equals(status)) credited++;
            if (STATUS_AWAITING.equals(status)) awaiting++;
        }
        return new Outcome(plays.size(), credited, awaiting, corrected, false);
    }

    /**
     * Marks one play against revision {@code r}; returns its prize status afterwards. The tax is computed on the
     * gross prize at the lottery's current rate and kept on the play; an unchanged prize keeps its tax, and a
     * reversed prize gives back exactly the tax that was withheld from it.
     */
    private String apply(SettledPlay p, StoredResult r, PrizeRules rules, String by) {
        long prize = PrizeEvaluator.prizeMicro(p.betType(), p.numbers(), p.amountMicro(), p.frozen(), r.result());
        boolean reevaluation = p.revision() != null;
        String status;
        Long tax;
        if (reevaluation && p.prizeMicro() != null && p.prizeMicro() == prize) {
            status = p.prizeStatus();   // the correction does not touch this play's prize
            tax = p.taxMicro();
        } else {
            if (reevaluation && STATUS_CREDITED.equals(p.prizeStatus()) && p.prizeMicro() != null && p.prizeMicro() > 0) {
                String why = "draw " + r.drawId() + " corrected to " + StoredResult.describe(r.result()) + " (revision " + r.revision() + ")";
                ledger.adjust(p.userId(), p.currency(), -p.prizeMicro(), "prize-correction:" + p.id() + ":" + r.revision(),
                        "prize of play " + p.id() + " reversed: " + why, by);
                if (p.taxMicro() != null && p.taxMicro() > 0) {
                    ledger.adjust(p.userId(), p.currency(), p.taxMicro(), "tax-correction:" + p.id() + ":" + r.revision(),
                            "tax withheld from the reversed prize of play " + p.id() + " returned: " + why, by);
                }
            }
            tax = PrizeTax.micro(prize, rules.taxRatePercent());
            if (prize == 0) {
                status = STATUS_NONE;
            } else if (prize > rules.thresholdMicro()) {
                status = STATUS_AWAITING;
            } else {
                creditPrize(ledger, p.userId(), p.currency(), p.id(), r.revision(), prize, tax, by);
                status = STATUS_CREDITED;
            }
        }
        int rows = jdbc.sql("""
                        UPDATE plays SET result = ?, prize_amount_micro = ?, prize_status = ?, result_revision = ?, prize_tax_micro = ?,
                               settled_at = coalesce(settled_at, now()), updated_at = now()
                         WHERE id = ? AND result_revision IS NOT DISTINCT FROM ?""")
                .params(prize > 0 ? "won" : "lost", prize, status, r.revision(), tax, p.id(), p.revision()).update();
        Rows.exactlyOne(rows, "settling play " + p.id());
        return status;
    }

    /**
     * Credits a play's gross prize and withholds its tax as a separate entry, in the caller's transaction; the keys
     * ({@link #prizeKey}, {@link #taxKey}) make a replay change nothing.
     */
    static void creditPrize(PlayerLedger ledger, UUID user, String currency, UUID playId, int revision, long prizeMicro,
                            long taxMicro, String by) {
        ledger.credit(user, currency, prizeMicro, LedgerKind.PRIZE_CREDIT, prizeKey(playId, revision), "play:" + playId, by);
        if (taxMicro > 0) {
            ledger.withholdTax(user, currency, taxMicro, taxKey(playId, revision), prizeKey(playId, revision), "play:" + playId, by);
        }
    }

    /** The ledger key of the tax withheld from a play's prize at result revision {@code revision}. */
    static String taxKey(UUID playId, int revision) {
        return revision == 1 ? "tax:" + playId : "tax:" + playId + ":" + revision;
    }

    /** The ledger key of a play's prize at result revision {@code revision}. */
    static String prizeKey(UUID playId, int revision) {
        return revision == 1 ? "prize:" + playId : "prize:" + playId + ":" + revision;
    }

    /** RESULTED → SETTLED once every confirmed play is evaluated at the current revision and none is still pending. */
    private boolean finish(UUID drawId, String by) {
        StoredResult r = results.share(drawId).orElseThrow();
        long open = jdbc.sql("""
                        SELECT count(*) FROM plays
                         WHERE draw_id = ? AND (status IN ('QUEUED', 'AWAITING_WEBHOOK', 'AWAITING_PAYMENT')
                               OR (status = 'CONFIRMED' AND (result_revision IS NULL OR result_revision < ?)))""")
                .params(drawId, r.revision()).query(Long.class).single();
        return open == 0 && drawStore.move(drawId, DrawState.Transition.SETTLE, by, null, clock.instant());
    }

    PrizeRules rules(String lotteryId) {
        return jdbc.sql("SELECT coalesce(prize_approval_threshold_micro, ?), prize_tax_rate FROM lotteries WHERE id = ?")
                .params(DEFAULT_APPROVAL_THRESHOLD_MICRO, lotteryId)
                .query((rs, n) -> new PrizeRules(rs.getLong(1), rs.getBigDecimal(2))).single();
    }
}
