package dev.yantra.chaos;

import java.util.List;

/**
 * The lottery's money invariants, for runs with plays ({@link Scenario#lottery()}): our plays, the player ledger and
 * card payments against the demo banca's ledger ({@code demo_banca_plays}) and the Stripe stand-in's captures as
 * our {@code payments} rows record them. Families: {@code banca}, {@code card}, {@code lottery-ledger}.
 */
final class LotteryInvariants {
    private LotteryInvariants() {
    }

    static final Invariant NO_NEGATIVE_PLAYER_BALANCE = Invariant.sql("no-negative-player-balance", "lottery-ledger",
            "no lottery player's balance is below zero",
            "SELECT user_id, currency, balance_micro FROM player_accounts WHERE balance_micro < 0");

    static final Invariant BANCA_KNOWS_ONLY_OUR_PLAYS = Invariant.sql("banca-holds-only-our-plays", "banca",
            "every play the banca holds is one of ours (registered once: the banca keys its plays by our requestId)",
            """
            SELECT b.request_id, b.status, b.ticket_code FROM demo_banca_plays b
             WHERE NOT EXISTS (SELECT 1 FROM plays p WHERE p.request_id = b.request_id)""");

    static final Invariant NO_OVER_CAPTURE = Invariant.sql("no-card-payment-over-captured", "card",
            "no card payment captured beyond its amount, or refunded beyond its capture",
            """
            SELECT id, play_id, amount_minor, captured_minor, refunded_minor, status FROM payments
             WHERE captured_minor > amount_minor OR refunded_minor > captured_minor""");

    static final List<Invariant> SAMPLED = List.of(NO_NEGATIVE_PLAYER_BALANCE, BANCA_KNOWS_ONLY_OUR_PLAYS, NO_OVER_CAPTURE);

    static final Invariant CONFIRMED_REGISTERED_ONCE = Invariant.sql("confirmed-play-registered-once-at-banca", "banca",
            "every confirmed play is held confirmed by the banca with our ticket code; a rejected one rejected; a failed one the "
                    + "banca confirmed (registration in flight at the draw's close) is flagged for reconciliation",
            """
            SELECT 'confirmed here, not confirmed there with our ticket' AS what, p.id, p.request_id, p.status, b.status AS banca_status
              FROM plays p LEFT JOIN demo_banca_plays b ON b.request_id = p.request_id
             WHERE p.status = 'CONFIRMED' AND (b.status IS DISTINCT FROM 'confirmed' OR b.ticket_code IS DISTINCT FROM p.ticket_code)
            UNION ALL
            SELECT 'rejected here, not rejected there', p.id, p.request_id, p.status, b.status
              FROM plays p LEFT JOIN demo_banca_plays b ON b.request_id = p.request_id
             WHERE p.status = 'REJECTED' AND b.status IS DISTINCT FROM 'rejected'
            UNION ALL
            SELECT 'failed here, confirmed there, not flagged', p.id, p.request_id, p.status, b.status
              FROM plays p JOIN demo_banca_plays b ON b.request_id = p.request_id
             WHERE p.status = 'FAILED' AND b.status = 'confirmed' AND NOT p.needs_attention""");

    static final Invariant CAPTURED_EQUALS_CONFIRMED = Invariant.sql("captured-equals-confirmed-card-plays", "card",
            "every confirmed card play's payment is captured in full; every other card play keeps nothing (not captured, or "
                    + "refunded in full)",
            """
            SELECT p.id AS play_id, p.status, y.amount_minor, y.captured_minor, y.refunded_minor, y.status AS payment_status
              FROM plays p LEFT JOIN payments y ON y.play_id = p.id
             WHERE p.payment_method = 'card' AND CASE WHEN p.status = 'CONFIRMED'
                   THEN y.captured_minor IS DISTINCT FROM y.amount_minor OR y.refunded_minor <> 0
                   ELSE coalesce(y.captured_minor, 0) <> coalesce(y.refunded_minor, 0) END""");

    static final Invariant NO_HOLD_PAST_DRAW = Invariant.sql("no-hold-open-past-its-draw", "card",
            "no card hold (a PaymentIntent requiring capture) is still open once its play's draw closed",
            """
            SELECT y.id AS payment_id, p.id AS play_id, p.status AS play_status, y.status AS payment_status, d.closes_at
              FROM payments y JOIN plays p ON p.id = y.play_id JOIN draws d ON d.id = p.draw_id
             WHERE y.status = 'requires_capture' AND d.closes_at < now()""");

    static final Invariant WALLET_PLAY_MONEY_ONCE = Invariant.sql("wallet-play-debited-once-refunded-unless-confirmed", "lottery-ledger",
            "every wallet play is debited once, and refunded once exactly when it did not end confirmed",
            """
            SELECT p.id, p.status,
                   (SELECT count(*) FROM player_ledger l WHERE l.idempotency_key = 'play:' || p.id) AS debits,
                   (SELECT count(*) FROM player_ledger l WHERE l.idempotency_key = 'refund:' || p.id) AS refunds
              FROM plays p
             WHERE p.payment_method = 'wallet' AND p.status IN ('CONFIRMED', 'REJECTED', 'FAILED', 'CANCELLED')
               AND ((SELECT count(*) FROM player_ledger l WHERE l.idempotency_key = 'play:' || p.id) <> 1
                 OR (SELECT count(*) FROM player_ledger l WHERE l.idempotency_key = 'refund:' || p.id)
                    <> CASE WHEN p.status = 'CONFIRMED' THEN 0 ELSE 1 END)""");

    static final Invariant LEDGER_ADDS_UP = Invariant.sql("player-ledger-adds-up", "lottery-ledger",
            "each player's balance = the ledger's sum = top-ups + prizes + refunds − stakes, and stakes − refunds = the "
                    + "amounts of their confirmed wallet plays",
            """
            WITH l AS (SELECT user_id, currency, sum(amount_micro) AS total,
                              coalesce(sum(amount_micro) FILTER (WHERE kind = 'deposit'), 0) AS topups,
                              coalesce(sum(amount_micro) FILTER (WHERE kind = 'prize_credit'), 0) AS prizes,
                              coalesce(sum(amount_micro) FILTER (WHERE kind = 'refund'), 0) AS refunds,
                              coalesce(-sum(amount_micro) FILTER (WHERE kind = 'play_debit'), 0) AS stakes,
                              coalesce(sum(amount_micro) FILTER (WHERE kind IN ('withdrawal', 'adjustment')), 0) AS other
                         FROM player_ledger GROUP BY user_id, currency),
                 c AS (SELECT user_id, currency, sum(amount_micro) AS confirmed FROM plays
                        WHERE payment_method = 'wallet' AND status = 'CONFIRMED' GROUP BY user_id, currency)
            SELECT a.user_id, a.balance_micro, l.total, l.topups, l.prizes, l.refunds, l.stakes, coalesce(c.confirmed, 0) AS confirmed_wallet_plays
              FROM player_accounts a JOIN l USING (user_id, currency) LEFT JOIN c USING (user_id, currency)
             WHERE a.balance_micro <> l.total
                OR l.total <> l.topups + l.prizes + l.refunds - l.stakes + l.other
                OR l.stakes - l.refunds <> coalesce(c.confirmed, 0)""");

    static final Invariant PLAYS_FINAL = Invariant.sql("every-play-final-no-open-lottery-job", "banca",
            "once recovered every play is final and no banca or payment job is left open",
            """
            SELECT 'play not final' AS what, id, status FROM plays WHERE status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK')
            UNION ALL
            SELECT 'banca job open', id, kind FROM pending_banca_jobs WHERE completed_at IS NULL
            UNION ALL
            SELECT 'payment job open', id, kind FROM pending_payment_jobs WHERE completed_at IS NULL""");

    static final List<Invariant> AT_END = List.of(CONFIRMED_REGISTERED_ONCE, CAPTURED_EQUALS_CONFIRMED, NO_HOLD_PAST_DRAW,
            WALLET_PLAY_MONEY_ONCE, LEDGER_ADDS_UP, PLAYS_FINAL);
}
