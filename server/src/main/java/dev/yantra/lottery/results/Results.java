package dev.yantra.lottery.results;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Rows;
import dev.yantra.lottery.bet.DrawResult;
import dev.yantra.lottery.draw.Draw;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.draw.DrawState;
import dev.yantra.lottery.draw.DrawStore;
import dev.yantra.lottery.ledger.PlayerLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What admins do with results, shared by the admin API and the CLI: enter a draw's result (CLOSED → RESULTED),
 * confirm it as the second admin when the lottery wants four eyes, correct it after settlement, approve a large
 * prize, switch four-eyes on or off. Each change and its admin_audit_log row commit together; settlement runs
 * right after, in its own bounded transactions.
 */
public final class Results {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ResultStore store;
    private final DrawDirectory draws;
    private final DrawStore drawStore;
    private final Settlement settlement;
    private final PlayerLedger ledger;
    private final AdminAudit audit;
    private final Clock clock;

    public Results(JdbcClient jdbc, TransactionTemplate tx, ResultStore store, DrawDirectory draws, DrawStore drawStore,
                   Settlement settlement, PlayerLedger ledger, AdminAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
        this.draws = draws;
        this.drawStore = drawStore;
        this.settlement = settlement;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result and what settlement did right after it was entered, confirmed or corrected. */
    public record Entered(StoredResult result, Settlement.Outcome settlement) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>(result.toJson());
            m.put("settlement", Map.of("evaluated", settlement.evaluated(), "credited", settlement.credited(),
                    "awaitingApproval", settlement.awaitingApproval(), "corrected", settlement.corrected(),
                    "drawSettled", settlement.drawSettled()));
            return m;
        }
    }

    /** Reads "12,34,56" (commas or dashes) and an optional pick-3 into a result; UsageException when malformed. */
    public static DrawResult parse(String numbers, String pick3) {
        String[] parts = numbers == null ? new String[0] : numbers.trim().split("\\s*[,-]\\s*");
        if (parts.length != 3) throw new UsageException("the numbers must be three two-digit numbers like 12,34,56, were '" + numbers + "'");
        return of(parts[0], parts[1], parts[2], pick3);
    }

    /** The result of these numbers; UsageException (a clear message) when one is not two ASCII digits. */
    public static DrawResult of(String first, String second, String third, String pick3) {
        try {
            return new DrawResult(first, second, third, Optional.ofNullable(pick3 == null || pick3.isBlank() ? null : pick3.trim()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UsageException(e.getMessage() == null ? "first, second and third are required" : e.getMessage());
        }
    }

    public Optional<StoredResult> find(UUID drawId) {
        return store.find(drawId);
    }

    /** Enters the first result of a CLOSED draw; settles at once unless a second admin must confirm. */
    public Entered set(UUID drawId, DrawResult result, String by, String source) {
        AdminAudit.requireAuthor(by);
        StoredResult stored = tx.execute(s -> {
            Draw draw = draws.find(drawId).orElseThrow(() -> new NotFoundException("no draw " + drawId));
            if (store.lock(drawId).isPresent()) {
                throw new ResultConflictException("result_exists", "draw " + drawId + " already has a result; correct it instead");
            }
            if (draw.state() != DrawState.CLOSED) {
                throw new ResultConflictException("draw_not_closed", "draw " + drawId + " is " + draw.state()
                        + "; a result is entered once its sales are CLOSED");
            }
            requirePick3Fits(draw.lotteryId(), result);
            boolean fourEyes = fourEyes(draw.lotteryId());
            store.insert(drawId, result, source, by, fourEyes);
            if (!drawStore.move(drawId, DrawState.Transition.RESULT, by, null, clock.instant())) {
                throw new ResultConflictException("draw_not_closed", "draw " + drawId + " changed state meanwhile; try again");
            }
            audit.record(by, "lottery.result.set", "draw:" + drawId, null,
                    Json.write(Map.of("numbers", StoredResult.describe(result), "fourEyes", fourEyes, "source", source)), null);
            return store.find(drawId).orElseThrow();
        });
        return new Entered(stored, settlement.run(drawId, by));
    }

    /** The second admin's confirmation (four-eyes); then the draw is settled. */
    public Entered confirm(UUID drawId, String by) {
        AdminAudit.requireAuthor(by);
        StoredResult stored = tx.execute(s -> {
            StoredResult r = store.lock(drawId).orElseThrow(() -> new NotFoundException("draw " + drawId + " has no result"));
            if (!r.needsConfirmation() || r.confirmedBy() != null) {
                throw new ResultConflictException("nothing_to_confirm", "the result of draw " + drawId + " needs no confirmation");
            }
            if (r.enteredBy().equals(by)) {
                throw new ResultConflictException("four_eyes", "the result was entered by " + by
                        + "; a different admin must confirm it");
            }
            if (!store.confirm(drawId, by)) throw new ResultConflictException("nothing_to_confirm", "the result changed meanwhile");
            audit.record(by, "lottery.result.confirm", "draw:" + drawId, StoredResult.describe(r.result()),
                    "confirmed", "entered by " + r.enteredBy());
            return store.find(drawId).orElseThrow();
        });
        return new Entered(stored, settlement.run(drawId, by));
    }

    /**
     * A corrected result: the next revision, audited with the old and new numbers and the reason; every play is
     * re-evaluated and each changed prize reversed and re-credited (never a rewrite of ledger rows).
     */
    public Entered correct(UUID drawId, DrawResult result, String reason, String by) {
        AdminAudit.requireAuthor(by);
        if (reason == null || reason.isBlank()) throw new UsageException("a correction needs a reason");
        StoredResult stored = tx.execute(s -> {
            StoredResult r = store.lock(drawId).orElseThrow(() -> new NotFoundException("draw " + drawId + " has no result"));
            Draw draw = draws.find(drawId).orElseThrow();
            if (draw.state() != DrawState.RESULTED && draw.state() != DrawState.SETTLED) {
                throw new ResultConflictException("draw_not_resulted", "draw " + drawId + " is " + draw.state());
            }
            if (r.result().equals(result)) {
                throw new ResultConflictException("result_unchanged", "draw " + drawId + " already has " + StoredResult.describe(result));
            }
            requirePick3Fits(draw.lotteryId(), result);
            if (!store.correct(drawId, result, r.revision(), by)) throw new ResultConflictException("result_changed", "the result changed meanwhile; try again");
            audit.record(by, "lottery.result.correct", "draw:" + drawId,
                    StoredResult.describe(r.result()) + " (revision " + r.revision() + ")",
                    StoredResult.describe(result) + " (revision " + (r.revision() + 1) + ")", reason.trim());
            return store.find(drawId).orElseThrow();
        });
        return new Entered(stored, settlement.run(drawId, by));
    }

    /** Settles the draw now (again); changes nothing that is already settled. */
    public Settlement.Outcome settle(UUID drawId, String by) {
        if (draws.find(drawId).isEmpty()) throw new NotFoundException("no draw " + drawId);
        return settlement.run(drawId, by);
    }

    /** An admin releases a prize that was above the threshold: credited once, audited. Returns the amount. */
    public long approvePrize(UUID playId, String by) {
        AdminAudit.requireAuthor(by);
        return tx.execute(s -> {
            Map<String, Object> p = jdbc.sql("""
                            SELECT user_id, currency, prize_amount_micro, prize_status, result_revision, prize_tax_micro FROM plays
                             WHERE id = ? FOR UPDATE""").param(playId).query().listOfRows().stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("no play " + playId));
            if (!Settlement.STATUS_AWAITING.equals(p.get("prize_status"))) {
                throw new ResultConflictException("prize_not_awaiting_approval", "play " + playId + " has no prize awaiting approval"
                        + (p.get("prize_status") == null ? "" : " (its prize status is " + p.get("prize_status") + ")"));
            }
            long prize = ((Number) p.get("prize_amount_micro")).longValue();
            int revision = ((Number) p.get("result_revision")).intValue();
            UUID user = (UUID) p.get("user_id");
            long tax = p.get("prize_tax_micro") == null ? 0 : ((Number) p.get("prize_tax_micro")).longValue();
            Settlement.creditPrize(ledger, user, (String) p.get("currency"), playId, revision, prize, tax, by);
            Rows.exactlyOne(jdbc.sql("UPDATE plays SET prize_status = 'credited', prize_approved_by = ?, updated_at = now() WHERE id = ?")
                    .params(by, playId).update(), "prize approval of play " + playId);
            audit.record(by, "lottery.prize.approve", "play:" + playId, Settlement.STATUS_AWAITING,
                    Settlement.STATUS_CREDITED + " " + prize + " micro", null);
            return prize;
        });
    }

    /** Four-eyes on or off for a lottery's future results (audited). */
    public void setFourEyes(String lotteryId, boolean required, String by) {
        AdminAudit.requireAuthor(by);
        tx.executeWithoutResult(s -> {
            Boolean before = jdbc.sql("SELECT results_four_eyes FROM lotteries WHERE id = ? FOR UPDATE").param(lotteryId)
                    .query(Boolean.class).optional().orElseThrow(() -> new NotFoundException("no lottery '" + lotteryId + "'"));
            Rows.exactlyOne(jdbc.sql("UPDATE lotteries SET results_four_eyes = ? WHERE id = ?").params(required, lotteryId).update(),
                    "four-eyes setting of lottery " + lotteryId);
            audit.record(by, "lottery.results.four_eyes", "lottery:" + lotteryId, String.valueOf(before), String.valueOf(required), null);
        });
    }

    /**
     * The lottery's prize tax rate (percent of the gross prize, 0 = none) for prizes credited from now on; a prize
     * already credited keeps the tax it had. Audited as lottery.prize.tax_rate with the old and new rate.
     */
    public BigDecimal setPrizeTaxRate(String lotteryId, BigDecimal ratePercent, String reason, String by) {
        AdminAudit.requireAuthor(by);
        BigDecimal rate;
        try {
            rate = PrizeTax.requireRate(ratePercent).setScale(2, RoundingMode.UNNECESSARY);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return tx.execute(s -> {
            BigDecimal before = jdbc.sql("SELECT prize_tax_rate FROM lotteries WHERE id = ? FOR UPDATE").param(lotteryId)
                    .query(BigDecimal.class).optional().orElseThrow(() -> new NotFoundException("no lottery '" + lotteryId + "'"));
            Rows.exactlyOne(jdbc.sql("UPDATE lotteries SET prize_tax_rate = ?, updated_at = now() WHERE id = ?").params(rate, lotteryId)
                    .update(), "prize tax rate of lottery " + lotteryId);
            audit.record(by, "lottery.prize.tax_rate", "lottery:" + lotteryId, before.toPlainString(), rate.toPlainString(),
                    reason == null || reason.isBlank() ? null : reason.trim());
            return rate;
        });
    }

    /** The lottery's prize tax rate (percent). */
    public BigDecimal prizeTaxRate(String lotteryId) {
        return jdbc.sql("SELECT prize_tax_rate FROM lotteries WHERE id = ?").param(lotteryId).query(BigDecimal.class)
                .optional().orElseThrow(() -> new NotFoundException("no lottery '" + lotteryId + "'"));
    }

    /** The plays of a draw whose prizes wait for approval (id, user, prize in micro-units). */
    public List<Map<String, Object>> awaitingApproval(UUID drawId) {
        return jdbc.sql("""
                        SELECT id, user_id, prize_amount_micro FROM plays
                         WHERE draw_id = ? AND prize_status = 'awaiting_approval' ORDER BY id""")
                .param(drawId).query().listOfRows();
    }

    private boolean fourEyes(String lotteryId) {
        return jdbc.sql("SELECT results_four_eyes FROM lotteries WHERE id = ?").param(lotteryId).query(Boolean.class).single();
    }

    /** A lottery with pick-3 bet types needs the 3-digit number; one without them must not get one. */
    private void requirePick3Fits(String lotteryId, DrawResult result) {
        boolean hasPick3 = jdbc.sql("SELECT has_pick3 FROM lotteries WHERE id = ?").param(lotteryId).query(Boolean.class).single();
        if (hasPick3 && result.pick3().isEmpty()) {
            throw new UsageException("lottery '" + lotteryId + "' has pick-3 bet types: the result needs its 3-digit pick3 number");
        }
        if (!hasPick3 && result.pick3().isPresent()) {
            throw new UsageException("lottery '" + lotteryId + "' has no pick-3 bet types: leave pick3 out");
        }
    }
}
