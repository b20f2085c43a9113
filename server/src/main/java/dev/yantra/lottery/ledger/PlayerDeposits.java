package dev.yantra.lottery.ledger;

import dev.yantra.admin.AdminAudit;
import dev.yantra.db.Database;
import dev.yantra.lottery.money.LotteryAmount;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only way money enters a player wallet in this release: a credit by a named admin (API token name or
 * cli:&lt;user&gt;) with a reason, written as a {@code deposit} movement and an admin_audit_log row in one
 * transaction. (Confirmed card payments will be the second way.)
 */
@Component
public class PlayerDeposits {
    /** Admin credits' idempotency keys live in their own namespace of the ledger's unique keys. */
    static final String KEY_PREFIX = "admin-credit:";
    private final PlayerLedger ledger;
    private final AdminAudit audit;
    private final TransactionTemplate tx;

    public PlayerDeposits(PlayerLedger ledger, AdminAudit audit, Database db) {
        this.ledger = ledger;
        this.audit = audit;
        this.tx = db.tx();
    }

    public record Credited(boolean applied, long balanceMicro) {
    }

    /** Credits once per idempotency key; a replay changes nothing and says so ({@code applied = false}). */
    public Credited credit(UUID userId, String currency, long amountMicro, String reason, String idempotencyKey, String changedBy) {
        if (changedBy == null || changedBy.isBlank()) throw new IllegalArgumentException("an admin credit needs the admin's name");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is required");
        if (idempotencyKey == null || idempotencyKey.isBlank()) throw new IllegalArgumentException("idempotencyKey is required");
        return tx.execute(status -> {
            long before = ledger.balanceMicro(userId, currency);
            boolean applied = ledger.credit(userId, currency, amountMicro, LedgerKind.DEPOSIT, KEY_PREFIX + idempotencyKey,
                    reason, changedBy);
            long after = ledger.balanceMicro(userId, currency);
            if (applied) {
                audit.record(changedBy, "player.credit", "player:" + userId,
                        LotteryAmount.format(before) + " " + currency, LotteryAmount.format(after) + " " + currency, reason);
            }
            return new Credited(applied, after);
        });
    }
}
