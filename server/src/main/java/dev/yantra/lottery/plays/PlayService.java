package dev.yantra.lottery.plays;

import dev.yantra.api.ApiException;
import dev.yantra.lottery.bet.Numbers;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.lottery.catalog.Lottery;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.draw.Draw;
import dev.yantra.lottery.draw.DrawDirectory;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import dev.yantra.lottery.player.PlayerLimits;
import dev.yantra.api.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buying and cancelling plays. A create is one transaction: claim the requestId (an insert that a concurrent
 * duplicate waits on, then finds), lock the draw so it cannot close under us, reserve the banca's liability,
 * debit the wallet, check the player's daily spend (after the debit has locked the account, so two plays of one
 * player are counted one after the other) and open the forwarding job. Any refusal rolls all of it back, so a
 * refused request leaves nothing behind and may be retried with the same requestId.
 */
public final class PlayService {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlayStore plays;
    private final LotteryCatalog catalog;
    private final DrawDirectory draws;
    private final PlayerLedger ledger;
    private final PlayerLimits limits;
    private final Clock clock;
    private final Runnable onEnqueue;
    private final CardCheckout cards;

    public PlayService(JdbcClient jdbc, TransactionTemplate tx, PlayStore plays, LotteryCatalog catalog, DrawDirectory draws,
                       PlayerLedger ledger, PlayerLimits limits, Clock clock, Runnable onEnqueue) {
        this(jdbc, tx, plays, catalog, draws, ledger, limits, clock, onEnqueue, null);
    }

    /** @param cards the card payments (null: card plays are refused as unavailable) */
    public PlayService(JdbcClient jdbc, TransactionTemplate tx, PlayStore plays, LotteryCatalog catalog, DrawDirectory draws,
                       PlayerLedger ledger, PlayerLimits limits, Clock clock, Runnable onEnqueue, CardCheckout cards) {
        this.cards = cards;
        this.jdbc = jdbc;
        this.tx = tx;
        this.plays = plays;
        this.catalog = catalog;
        this.draws = draws;
        this.ledger = ledger;
        this.limits = limits;
        this.clock = clock;
        this.onEnqueue = onEnqueue;
    }

    /** The play and whether this request created it (false: a repeat of the same request). */
    public record Created(PlayRow play, boolean created) {
    }

    public Created create(UUID subject, PlayRequest r) {
        if (!subject.equals(r.userId())) throw new ApiException(403, "forbidden", "userId must be the authenticated player");
        Created existing = repeat(subject, r);
        if (existing != null) return existing;
        PlayerLimits.Limits lim = limits.current(subject);
        if (lim.selfExcludedAt(clock.instant())) throw new ApiException(403, "player_excluded", "the player is self-excluded");
        Lottery lottery = catalog.find(r.lotteryId()).filter(Lottery::enabled)
                .orElseThrow(() -> new ApiException(404, "lottery_not_found", "no lottery " + r.lotteryId()));
        if (!lottery.offers(r.betType().wire()) || (r.betType().pick3() && !lottery.hasPick3())) {
            throw new ApiException(422, "bet_type_not_offered", lottery.id() + " does not offer " + r.betType().wire());
        }
        if (!lottery.currencies().contains(r.currency())) {
            throw new ApiException(422, "currency_not_offered", lottery.id() + " does not sell in " + r.currency());
        }
        if (r.amountMicro() < lottery.minAmountMicro() || r.amountMicro() > lottery.maxAmountMicro()) {
            throw new ApiException(422, "amount_out_of_range", "the amount of a play on " + lottery.id() + " must be between "
                    + dev.yantra.lottery.money.LotteryAmount.format(lottery.minAmountMicro()) + " and "
                    + dev.yantra.lottery.money.LotteryAmount.format(lottery.maxAmountMicro()));
        }
        boolean card = r.paymentMethod().equals("card");
        if (card) {
            if (cards == null) throw new ApiException(422, "payment_method_unavailable", "card payments are not available on this server; pay from the wallet");
            cards.check(r.currency(), r.amountMicro());
        }
        UUID bancaId = r.bancaId() != null ? r.bancaId() : lottery.defaultBancaId();
        if (bancaId == null) throw new ApiException(422, "banca_unavailable", lottery.id() + " has no banca to route plays to");
        Draw draw = r.drawId() != null
                ? draws.find(r.drawId()).filter(d -> d.lotteryId().equals(lottery.id()))
                        .orElseThrow(() -> new ApiException(404, "draw_not_found", "no draw " + r.drawId() + " of " + lottery.id()))
                : draws.nextOpen(lottery.id()).orElseThrow(() -> new ApiException(422, "draw_closed", "no open draw of " + lottery.id()));
        Long dailyLimit = lim.dailySpendLimitMicro(r.currency());
        Created made = tx.execute(s -> insert(r, lottery, draw, bancaId, dailyLimit));
        if (!made.created()) return made;
        if (!card) {
            onEnqueue.run();
            return made;
        }
        // the hold is asked for only once the play is committed: Stripe's idempotency key is the play id
        cards.start(made.play().id());
        return new Created(plays.find(made.play().id()).orElseThrow(), true);
    }

    /** The routed banca as a play needs it: its liability cap and its own prices. */
    private record RoutedBanca(long capMicro, Map<String, Object> payoutOverrides) {
    }

    private Created insert(PlayRequest r, Lottery lottery, Draw draw, UUID bancaId, Long dailyLimitMicro) {
        RoutedBanca banca = jdbc.sql("""
                        SELECT number_liability_cap_micro, payout_overrides FROM bancas WHERE id = ? AND status = 'active' FOR SHARE""")
                .param(bancaId)
                .query((rs, n) -> new RoutedBanca(rs.getLong(1), rs.getString(2) == null ? null
                        : Json.MAPPER.readValue(rs.getString(2), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { })))
                .optional()
                .orElseThrow(() -> new ApiException(422, "banca_unavailable", "banca " + bancaId + " does not take plays now"));
        PayoutTable frozen = PayoutTable.frozenFor(r.betType(), lottery.payoutTable(), banca.payoutOverrides());
        long liability = frozen.maxPrizeMicro(r.betType(), r.numbers(), r.amountMicro());
        UUID playId = UUID.randomUUID();
        boolean card = r.paymentMethod().equals("card");
        PlayState initial = card ? PlayState.AWAITING_PAYMENT : PlayState.QUEUED;
        boolean claimed = jdbc.sql("""
                        INSERT INTO plays (id, request_id, body_hash, user_id, lottery_id, draw_id, banca_id, bet_type, numbers,
                                           limit_key, amount_micro, currency, payment_method, payout_frozen, liability_micro, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
                        ON CONFLICT (request_id) DO NOTHING
                        RETURNING id""")
                .params(playId, r.requestId(), r.bodyHash(), r.userId(), lottery.id(), draw.id(), bancaId, r.betType().wire(),
                        r.numbers().toArray(new String[0]), Numbers.limitKey(r.betType(), r.numbers()), r.amountMicro(),
                        r.currency(), r.paymentMethod(), Json.write(frozen.toMap()), liability, initial.name())
                .query(UUID.class).optional().isPresent();
        if (!claimed) return sameOrConflict(r.userId(), r, plays.findByRequestId(r.requestId()).orElseThrow());
        requireOnSale(draw.id());
        if (!PlayLiability.reserve(jdbc, bancaId, draw.id(), r.betType().wire(), Numbers.limitKey(r.betType(), r.numbers()), liability,
                banca.capMicro())) {
            throw new ApiException(422, "number_limit_reached", "the banca takes no more on " + String.join("-", r.numbers()) + " in this draw");
        }
        if (!card) ledger.debit(r.userId(), r.currency(), r.amountMicro(), LedgerKind.PLAY_DEBIT, "play:" + playId, "play:" + playId);
        if (dailyLimitMicro != null && spentToday(r.userId(), r.currency(), lottery) > dailyLimitMicro) {
            throw new ApiException(422, "player_limit_reached", "this play would exceed the player's daily limit");
        }
        if (card) {
            // forwarded only once the card hold is capturable (payments room)
            cards.open(playId, r.requestId(), r.userId(), r.amountMicro(), r.currency(), r.paymentMethodId());
        } else {
            ForwardingJobs.openRegister(jdbc, bancaId, playId);
        }
        plays.created(initial);
        return new Created(plays.find(playId).orElseThrow(), true);
    }

    /** A repeat seen before taking any lock (the common retry): the same play, or 409. */
    private Created repeat(UUID subject, PlayRequest r) {
        return plays.findByRequestId(r.requestId()).map(p -> sameOrConflict(subject, r, p)).orElse(null);
    }

    private static Created sameOrConflict(UUID subject, PlayRequest r, PlayRow existing) {
        if (!existing.userId().equals(subject) || !existing.bodyHash().equals(r.bodyHash())) {
            throw new ApiException(409, "idempotency_key_reused", "this requestId was already used for a different play");
        }
        return new Created(existing, false);
    }

    /** Locks the draw against closing until this transaction ends, and checks it still sells. */
    private void requireOnSale(UUID drawId) {
        boolean open = jdbc.sql("SELECT state = 'OPEN' AND closes_at > now() FROM draws WHERE id = ? FOR SHARE")
                .param(drawId).query(Boolean.class).optional().orElse(false);
        if (!open) throw new ApiException(422, "draw_closed", "sales for this draw are closed");
    }

    /** Stakes of the player's plays today (calendar day in the lottery's zone) that still hold money, this one included. */
    private long spentToday(UUID userId, String currency, Lottery lottery) {
        Instant dayStart = LocalDate.now(clock.withZone(lottery.zone())).atStartOfDay(lottery.zone()).toInstant();
        return jdbc.sql("""
                        SELECT coalesce(sum(amount_micro), 0) FROM plays
                        WHERE user_id = ? AND currency = ? AND created_at >= ?
                          AND status NOT IN ('REJECTED', 'FAILED', 'CANCELLED')""")
                .params(userId, currency, java.sql.Timestamp.from(dayStart)).query(Long.class).single();
    }

    /**
     * The player's cancel before forwarding: only a QUEUED play nothing has been sent for. The forwarding job is
     * closed in the same transaction; a job that already marked the play forwarded wins, and this is 409.
     */
    public PlayRow cancel(UUID subject, UUID playId) {
        PlayRow after = tx.execute(s -> {
            PlayRow p = plays.lock(playId).filter(x -> x.userId().equals(subject))
                    .orElseThrow(() -> new ApiException(404, "play_not_found", "no play " + playId));
            if (p.state() == PlayState.CANCELLED) return p;
            if (p.state() == PlayState.AWAITING_PAYMENT) {
                // a card play not yet paid: the payments room cancels the PaymentIntent (PlayStore.CardMoney)
                if (!plays.move(p, PlayTransitions.CANCELLED_BEFORE_PAYMENT, "cancelled by the player", PlayStore.BancaIds.NONE)) {
                    throw new IllegalStateException("locked play " + playId + " moved under its lock");
                }
                return plays.find(playId).orElseThrow();
            }
            if (p.state() != PlayState.QUEUED || p.forwardedAt() != null) {
                throw new ApiException(409, "play_not_cancellable", "the play was already sent to the banca (status " + p.state().wireStatus() + ")");
            }
            if (!plays.move(p, PlayTransitions.CANCELLED_BEFORE_FORWARDING, "cancelled by the player", PlayStore.BancaIds.NONE)) {
                throw new IllegalStateException("locked play " + playId + " moved under its lock");
            }
            ForwardingJobs.closeOpen(jdbc, playId, "MANUAL", "player:" + subject, "play cancelled by the player");
            return plays.find(playId).orElseThrow();
        });
        return after;
    }
}
