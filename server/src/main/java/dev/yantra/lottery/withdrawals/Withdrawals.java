package dev.yantra.lottery.withdrawals;

import dev.yantra.db.Rows;
import dev.yantra.admin.AdminAudit;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.money.LotteryCurrency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What players and admins do with withdrawals, shared by the player API, the admin API and the CLI.
 *
 * <p>Why the money leaves the balance at the request, not at the payment: the balance is what a player can
 * spend, and a pending withdrawal must not be spendable. Debiting at once (kind {@code withdrawal}, key
 * {@code withdrawal:<id>}, in the request's own transaction, under the account lock every debit takes) makes
 * every other debit path — plays, further withdrawals, anything added later — see the smaller balance without
 * knowing withdrawals exist, so two requests or a request and a play cannot both spend the same money. A
 * reservation kept beside the balance would instead have to be subtracted by every debit, and one that forgot
 * would spend it twice. A rejection (from requested or approved) returns the money with one
 * {@code withdrawal_reversal} credit (key {@code withdrawal-reversal:<id>}); approval and payment move no money,
 * so the ledger shows the withdrawal once, whatever happens after. Every step writes admin_audit_log (subject
 * {@code withdrawal:<id>}) in the transaction that makes it.
 */
public final class Withdrawals {
    public static final int MAX_DESTINATION_CHARS = 200;
    public static final int MAX_REASON_CHARS = 500;
    public static final int MAX_LIST = 500;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlayerLedger ledger;
    private final AdminAudit audit;

    public Withdrawals(JdbcClient jdbc, TransactionTemplate tx, PlayerLedger ledger, AdminAudit audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ledger = ledger;
        this.audit = audit;
    }

    /** The withdrawal and whether this call created it (false: a retry of the same request). */
    public record Requested(Withdrawal withdrawal, boolean created) {
    }

    /** The audit log's author for a player's own action. */
    public static String playerAuthor(UUID userId) {
        return "player:" + userId;
    }

    /**
     * A player's request: the amount is debited at once (InsufficientFundsException or AccountBlockedException,
     * writing nothing, when it cannot be). The same {@code requestId} with the same fields returns the first
     * request; with other fields or from another player it is a {@code idempotency_key_reused} conflict.
     */
    public Requested request(UUID userId, UUID requestId, String currency, long amountMicro, String destination) {
        if (LotteryCurrency.fromWire(currency).isEmpty()) throw new UsageException("currency must be DOP or USD");
        String where = destination(destination);
        return tx.execute(s -> {
            Optional<Withdrawal> prior = findByRequestId(requestId);
            if (prior.isEmpty()) {
                UUID id = UUID.randomUUID();
                int rows = jdbc.sql("""
                                INSERT INTO withdrawals (id, request_id, user_id, currency, amount_micro, destination)
                                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING""")
                        .params(id, requestId, userId, currency, amountMicro, where).update();
                if (rows == 1) {
                    ledger.debit(userId, currency, amountMicro, LedgerKind.WITHDRAWAL, "withdrawal:" + id, "withdrawal:" + id);
                    audit.record(playerAuthor(userId), "lottery.withdrawal.request", "withdrawal:" + id, null,
                            LotteryCurrency.valueOf(currency).format(amountMicro) + " to " + where, null);
                    return new Requested(find(id).orElseThrow(), true);
                }
                prior = findByRequestId(requestId);   // a concurrent retry committed it first
            }
            Withdrawal w = prior.orElseThrow();
            if (!w.userId().equals(userId) || !w.currency().equals(currency) || w.amountMicro() != amountMicro
                    || !w.destination().equals(where)) {
                throw new WithdrawalConflictException("idempotency_key_reused", "requestId " + requestId + " was already used for another request");
            }
            return new Requested(w, false);
        });
    }

    public Optional<Withdrawal> find(UUID id) {
        return jdbc.sql("SELECT * FROM withdrawals WHERE id = ?").param(id).query(Withdrawal::map).optional();
    }

    private Optional<Withdrawal> findByRequestId(UUID requestId) {
        return jdbc.sql("SELECT * FROM withdrawals WHERE request_id = ?").param(requestId).query(Withdrawal::map).optional();
    }

    /** A player's withdrawals, newest first. */
    public List<Withdrawal> ofPlayer(UUID userId, int limit) {
        return jdbc.sql("SELECT * FROM withdrawals WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(userId, checkedLimit(limit)).query(Withdrawal::map).list();
    }

    /** Withdrawals in {@code state} (every state when empty), oldest first: the admin's queue. */
    public List<Withdrawal> list(Optional<WithdrawalState> state, int limit) {
        return jdbc.sql("SELECT * FROM withdrawals WHERE (CAST(? AS text) IS NULL OR status = ?) ORDER BY created_at, id LIMIT ?")
                .params(state.map(WithdrawalState::wire).orElse(null), state.map(WithdrawalState::wire).orElse(null), checkedLimit(limit))
                .query(Withdrawal::map).list();
    }

    /** requested → approved: the admin agrees it may be paid; no money moves. */
    public Withdrawal approve(UUID id, String by) {
        return move(id, WithdrawalState.APPROVED, by, null, null);
    }

    /** requested or approved → rejected, with a reason: the amount goes back to the wallet. */
    public Withdrawal reject(UUID id, String reason, String by) {
        if (reason == null || reason.isBlank()) throw new UsageException("a rejection needs a reason (the player sees it)");
        return move(id, WithdrawalState.REJECTED, by, clip(reason.trim(), MAX_REASON_CHARS), null);
    }

    /** approved → paid: the money was paid outside Yantra; {@code reference} names that transfer. */
    public Withdrawal markPaid(UUID id, String reference, String by) {
        if (reference == null || reference.isBlank()) throw new UsageException("recording a payment needs the transfer's reference");
        if (reference.length() > MAX_REASON_CHARS) throw new UsageException("the reference must be at most " + MAX_REASON_CHARS + " characters");
        return move(id, WithdrawalState.PAID, by, null, reference.trim());
    }

    private Withdrawal move(UUID id, WithdrawalState to, String by, String reason, String reference) {
        AdminAudit.requireAuthor(by);
        return tx.execute(s -> {
            Withdrawal w = jdbc.sql("SELECT * FROM withdrawals WHERE id = ? FOR UPDATE").param(id).query(Withdrawal::map).optional()
                    .orElseThrow(() -> new NotFoundException("no withdrawal " + id));
            WithdrawalState.Transition t = WithdrawalState.Transition.of(w.state(), to).orElseThrow(() -> new WithdrawalConflictException(
                    "invalid_withdrawal_state", "withdrawal " + id + " is " + w.state().wire() + "; it cannot be moved to " + to.wire()));
            int rows = jdbc.sql("""
                            UPDATE withdrawals SET status = ?, updated_at = now(),
                                   decided_by = CASE WHEN ? THEN ? ELSE decided_by END,
                                   decided_at = CASE WHEN ? THEN now() ELSE decided_at END,
                                   reason = coalesce(?, reason),
                                   paid_by = CASE WHEN ? THEN ? ELSE paid_by END,
                                   paid_at = CASE WHEN ? THEN now() ELSE paid_at END,
                                   payment_reference = coalesce(?, payment_reference)
                             WHERE id = ? AND status = ?""")
                    .params(t.to.wire(), t.to != WithdrawalState.PAID, by, t.to != WithdrawalState.PAID, reason,
                            t.to == WithdrawalState.PAID, by, t.to == WithdrawalState.PAID, reference, id, t.from.wire())
                    .update();
            Rows.exactlyOne(rows, "moving withdrawal " + id);
            if (t.to == WithdrawalState.REJECTED) {
                ledger.credit(w.userId(), w.currency(), w.amountMicro(), LedgerKind.WITHDRAWAL_REVERSAL, "withdrawal-reversal:" + id,
                        "withdrawal:" + id, by);
            }
            audit.record(by, "lottery.withdrawal." + t.verb, "withdrawal:" + id, t.from.wire(),
                    t.to.wire() + (reference == null ? "" : " " + reference), reason);
            return find(id).orElseThrow();
        });
    }

    private static String destination(String destination) {
        String d = destination == null ? "" : destination.strip();
        if (d.isEmpty()) throw new UsageException("destination is required: where the money should be paid (e.g. a bank account)");
        if (d.codePointCount(0, d.length()) > MAX_DESTINATION_CHARS) {
            throw new UsageException("destination must be at most " + MAX_DESTINATION_CHARS + " characters");
        }
        if (d.codePoints().anyMatch(Character::isISOControl)) throw new UsageException("destination must not contain control characters");
        return d;
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIST) throw new UsageException("limit must be 1-" + MAX_LIST + ", was " + limit);
        return limit;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
