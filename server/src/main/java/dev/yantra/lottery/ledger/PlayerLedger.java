package dev.yantra.lottery.ledger;

import dev.yantra.db.Rows;
import dev.yantra.admin.AdminAudit;
import dev.yantra.config.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one writer of player_ledger and player_accounts. Every movement locks the player's account row for its
 * currency ({@code SELECT … FOR UPDATE}), checks, appends one ledger row and moves the cached balance by the same
 * amount, all inside the caller's transaction — so a play's insert and its debit commit or roll back together,
 * and two concurrent debits of one account run one after the other and cannot both spend the same money.
 *
 * <p>Rules: a debit never takes a balance below zero; only {@link #adjust} (audited, with a reason) may, and while
 * any of a player's accounts is below zero every debit is refused with {@link AccountBlockedException}. An
 * idempotency key names one movement forever: replaying it changes nothing; reusing it for a different movement
 * is a bug of the caller and throws.
 */
@Component
public class PlayerLedger {
    public static final Set<String> CURRENCIES = Set.of("DOP", "USD");
    static final int MAX_KEY_CHARS = 200;
    static final int MAX_REFERENCE_CHARS = 500;
    /** created_by of movements made by the system (plays, refunds, prizes) rather than by a named person. */
    public static final String SYSTEM = "system";
    private final JdbcClient jdbc;
    private final AdminAudit audit;
    private final Clock clock;

    public PlayerLedger(JdbcClient jdbc, AdminAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public record Movement(UUID id, String currency, long amountMicro, LedgerKind kind, String idempotencyKey,
                           String reference, String createdBy, Instant createdAt) {
    }

    public record Balance(String currency, long balanceMicro) {
    }

    /** The balance of one account; 0 for an account that never moved. Reads the cached balance, no lock. */
    public long balanceMicro(UUID userId, String currency) {
        return jdbc.sql("SELECT balance_micro FROM player_accounts WHERE user_id = ? AND currency = ?")
                .params(userId, currency).query(Long.class).optional().orElse(0L);
    }

    /**
     * Takes {@code amountMicro} (> 0) from the account. Call inside the caller's transaction. Throws
     * {@link InsufficientFundsException} or {@link AccountBlockedException} having written nothing.
     */
    public void debit(UUID userId, String currency, long amountMicro, LedgerKind kind, String idempotencyKey,
                      String reference) {
        validate(userId, currency, amountMicro, kind, idempotencyKey, reference);
        if (!kind.debits()) throw new IllegalArgumentException("debit of kind " + kind.wire() + " (a credit kind)");
        if (kind == LedgerKind.TAX_WITHHOLDING) throw new IllegalArgumentException("tax is withheld with withholdTax, next to its prize");
        requireTransaction();
        long balance = lockedBalance(userId, currency).orElse(0L);
        if (replayed(userId, currency, -amountMicro, kind, idempotencyKey)) return;
        if (anyAccountBelowZero(userId)) throw new AccountBlockedException();
        if (balance < amountMicro) throw new InsufficientFundsException(balance, amountMicro);
        long after = append(userId, currency, -amountMicro, kind, idempotencyKey, reference, SYSTEM);
        if (after < 0) throw new IllegalStateException("debit left " + userId + "/" + currency + " at " + after);
    }

    /**
     * Adds {@code amountMicro} (> 0) to the account; created_by is {@value #SYSTEM}. Call inside the caller's
     * transaction. Returns false, changing nothing, when the idempotency key was already used for this movement.
     */
    public boolean credit(UUID userId, String currency, long amountMicro, LedgerKind kind, String idempotencyKey,
                          String reference) {
        return credit(userId, currency, amountMicro, kind, idempotencyKey, reference, SYSTEM);
    }

    /** As {@link #credit(UUID, String, long, LedgerKind, String, String)}, recording who made the movement. */
    public boolean credit(UUID userId, String currency, long amountMicro, LedgerKind kind, String idempotencyKey,
                          String reference, String createdBy) {
        validate(userId, currency, amountMicro, kind, idempotencyKey, reference);
        if (!kind.credits()) throw new IllegalArgumentException("credit of kind " + kind.wire() + " (not a credit kind)");
        requireTransaction();
        lockOrOpen(userId, currency);
        if (replayed(userId, currency, amountMicro, kind, idempotencyKey)) return false;
        append(userId, currency, amountMicro, kind, idempotencyKey, reference, requireBy(createdBy));
        return true;
    }

    /**
     * Withholds {@code taxMicro} (> 0) of a prize just credited in the same transaction (kind tax_withholding).
     * Unlike {@link #debit} it neither refuses a blocked account nor checks the balance: it only nets a larger
     * credit written just before it, so the pair never lowers the balance, and refusing it would leave a prize
     * credited gross. Throws unless {@code prizeKey} names a prize credit of this account at least as large.
     * Returns false, changing nothing, on a replayed key.
     */
    public boolean withholdTax(UUID userId, String currency, long taxMicro, String idempotencyKey, String prizeKey,
                               String reference, String createdBy) {
        validate(userId, currency, taxMicro, LedgerKind.TAX_WITHHOLDING, idempotencyKey, reference);
        requireTransaction();
        lockOrOpen(userId, currency);
        Long prize = jdbc.sql("""
                        SELECT amount_micro FROM player_ledger
                         WHERE idempotency_key = ? AND user_id = ? AND currency = ? AND kind = 'prize_credit'""")
                .params(prizeKey, userId, currency).query(Long.class).optional().orElse(null);
        if (prize == null || prize < taxMicro) {
            throw new IllegalStateException("tax " + idempotencyKey + " of " + taxMicro + " has no prize credit " + prizeKey + " to net");
        }
        if (replayed(userId, currency, -taxMicro, LedgerKind.TAX_WITHHOLDING, idempotencyKey)) return false;
        append(userId, currency, -taxMicro, LedgerKind.TAX_WITHHOLDING, idempotencyKey, reference, requireBy(createdBy));
        return true;
    }

    /**
     * An audited correction of either sign (e.g. a prize clawed back after a corrected result); the only movement
     * that may take a balance below zero, which then blocks the player's debits until it is back at zero.
     * Call inside the caller's transaction; the audit row is written in it. Returns false on a replayed key.
     */
    public boolean adjust(UUID userId, String currency, long signedAmountMicro, String idempotencyKey, String reason,
                          String changedBy) {
        validate(userId, currency, Math.abs(signedAmountMicro), LedgerKind.ADJUSTMENT, idempotencyKey, reason);
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("an adjustment needs a reason");
        requireTransaction();
        long before = lockOrOpen(userId, currency);
        if (replayed(userId, currency, signedAmountMicro, LedgerKind.ADJUSTMENT, idempotencyKey)) return false;
        long after = append(userId, currency, signedAmountMicro, LedgerKind.ADJUSTMENT, idempotencyKey, reason, requireBy(changedBy));
        audit.record(changedBy, "player.adjust", "player:" + userId, currency + " " + before, currency + " " + after, reason);
        return true;
    }

    /** Every account of the player, the cached balance verified against the ledger's sum (a mismatch throws). */
    public List<Balance> balances(UUID userId) {
        List<Balance> cached = jdbc.sql("SELECT currency, balance_micro FROM player_accounts WHERE user_id = ? ORDER BY currency")
                .param(userId).query((rs, n) -> new Balance(rs.getString(1), rs.getLong(2))).list();
        Map<String, Long> sums = jdbc.sql("SELECT currency, sum(amount_micro) FROM player_ledger WHERE user_id = ? GROUP BY currency")
                .param(userId).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (Balance b : cached) {
            long sum = sums.getOrDefault(b.currency(), 0L);
            if (sum != b.balanceMicro()) {
                throw new IllegalStateException("player " + userId + " " + b.currency() + ": cached balance "
                        + b.balanceMicro() + " differs from the ledger sum " + sum);
            }
        }
        return cached;
    }

    /** True while any of the player's accounts is below zero (plays and withdrawals refused). */
    public boolean blocked(UUID userId) {
        return anyAccountBelowZero(userId);
    }

    /** The newest movements first, at most {@code limit} (1-500). */
    public List<Movement> movements(UUID userId, int limit) {
        if (limit < 1 || limit > 500) throw new IllegalArgumentException("limit must be 1-500, was " + limit);
        return jdbc.sql("""
                        SELECT id, currency, amount_micro, kind, idempotency_key, reference, created_by, created_at
                        FROM player_ledger WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(userId, limit)
                .query((rs, n) -> new Movement(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                        LedgerKind.fromWire(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    private Optional<Long> lockedBalance(UUID userId, String currency) {
        return jdbc.sql("SELECT balance_micro FROM player_accounts WHERE user_id = ? AND currency = ? FOR UPDATE")
                .params(userId, currency).query(Long.class).optional();
    }

    /** Locks the account row, creating it first if this is the account's first movement; returns its balance. */
    private long lockOrOpen(UUID userId, String currency) {
        Optional<Long> locked = lockedBalance(userId, currency);
        if (locked.isPresent()) return locked.get();
        jdbc.sql("""
                        INSERT INTO player_accounts (user_id, currency, balance_micro)
                        SELECT id, ?, 0 FROM players WHERE id = ?
                        ON CONFLICT (user_id, currency) DO NOTHING""")
                .params(currency, userId).update();
        return lockedBalance(userId, currency)
                .orElseThrow(() -> new NotFoundException("no player " + userId));
    }

    private record Prior(UUID userId, String currency, long amountMicro, String kind) {
    }

    /** True when {@code key} already names this very movement; throws when it names a different one. */
    private boolean replayed(UUID userId, String currency, long signedAmountMicro, LedgerKind kind, String key) {
        Optional<Prior> prior = jdbc.sql("SELECT user_id, currency, amount_micro, kind FROM player_ledger WHERE idempotency_key = ?")
                .param(key)
                .query((rs, n) -> new Prior(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
        if (prior.isEmpty()) return false;
        if (!prior.get().equals(new Prior(userId, currency, signedAmountMicro, kind.wire()))) {
            throw new IllegalStateException("idempotency key " + key + " already names a different movement");
        }
        return true;
    }

    private boolean anyAccountBelowZero(UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM player_accounts WHERE user_id = ? AND balance_micro < 0)")
                .param(userId).query(Boolean.class).single();
    }

    /** Appends the row and moves the cached balance by the same amount; returns the new balance. */
    private long append(UUID userId, String currency, long signedAmountMicro, LedgerKind kind, String key,
                        String reference, String createdBy) {
        Instant now = clock.instant();
        int rows = jdbc.sql("""
                        INSERT INTO player_ledger (id, user_id, currency, amount_micro, kind, idempotency_key, reference, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), userId, currency, signedAmountMicro, kind.wire(), key, reference, createdBy,
                        Timestamp.from(now))
                .update();
        Rows.exactlyOne(rows, "ledger insert");
        List<Long> after = jdbc.sql("""
                        UPDATE player_accounts SET balance_micro = balance_micro + ?, updated_at = ?
                        WHERE user_id = ? AND currency = ? RETURNING balance_micro""")
                .params(signedAmountMicro, Timestamp.from(now), userId, currency).query(Long.class).list();
        if (after.size() != 1) throw new IllegalStateException("account update touched " + after.size() + " rows");
        return after.get(0);
    }

    private static void validate(UUID userId, String currency, long amountMicro, LedgerKind kind, String key, String reference) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        if (!CURRENCIES.contains(currency)) throw new IllegalArgumentException("currency must be DOP or USD, was " + currency);
        if (amountMicro <= 0) throw new IllegalArgumentException("amountMicro must be > 0, was " + amountMicro);
        if (key == null || key.isBlank() || key.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("idempotencyKey must be 1-" + MAX_KEY_CHARS + " characters");
        }
        if (reference != null && reference.length() > MAX_REFERENCE_CHARS) {
            throw new IllegalArgumentException("reference must be at most " + MAX_REFERENCE_CHARS + " characters");
        }
    }

    private static String requireBy(String createdBy) {
        if (createdBy == null || createdBy.isBlank()) throw new IllegalArgumentException("createdBy is required");
        return createdBy;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("PlayerLedger movements must run inside the caller's transaction");
        }
    }
}
