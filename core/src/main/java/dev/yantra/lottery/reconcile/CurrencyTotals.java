package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.play.PlayState;
import java.util.EnumMap;
import java.util.Map;

/**
 * One banca's day in one currency, both sides side by side: our plays by state; the banca's last word per
 * play (confirmed, rejected, nothing final); and the wallet ledger against what the plays say it should hold
 * (every wallet play debited its amount, every released one refunded it).
 */
public final class CurrencyTotals {
    private final String currency;
    private final Map<PlayState, Tally> ours = new EnumMap<>(PlayState.class);
    private final Map<BancaSays, Tally> banca = new EnumMap<>(BancaSays.class);
    private long ledgerDebitMicro;
    private long expectedDebitMicro;
    private long ledgerRefundMicro;
    private long expectedRefundMicro;

    public enum BancaSays { CONFIRMED, REJECTED, NOTHING_FINAL }

    public CurrencyTotals(String currency) {
        this.currency = currency;
    }

    void add(PlayFacts p) {
        ours.merge(p.state(), Tally.ZERO.plus(p.amountMicro()), (had, one) -> had.plus(p.amountMicro()));
        BancaSays says = lastWord(p);
        banca.merge(says, Tally.ZERO.plus(p.amountMicro()), (had, one) -> had.plus(p.amountMicro()));
        if (p.wallet()) {
            ledgerDebitMicro = Math.addExact(ledgerDebitMicro, p.walletDebitMicro());
            expectedDebitMicro = Math.addExact(expectedDebitMicro, p.amountMicro());
            ledgerRefundMicro = Math.addExact(ledgerRefundMicro, p.walletRefundMicro());
            if (p.state().moneyReleased()) expectedRefundMicro = Math.addExact(expectedRefundMicro, p.amountMicro());
        }
    }

    static BancaSays lastWord(PlayFacts p) {
        if (p.words().isEmpty()) return BancaSays.NOTHING_FINAL;
        return p.words().getLast().verdict() == BancaWord.Verdict.CONFIRMED ? BancaSays.CONFIRMED : BancaSays.REJECTED;
    }

    public String currency() {
        return currency;
    }

    public Tally ours(PlayState s) {
        return ours.getOrDefault(s, Tally.ZERO);
    }

    public Tally banca(BancaSays s) {
        return banca.getOrDefault(s, Tally.ZERO);
    }

    public long ledgerDebitMicro() {
        return ledgerDebitMicro;
    }

    public long expectedDebitMicro() {
        return expectedDebitMicro;
    }

    public long ledgerRefundMicro() {
        return ledgerRefundMicro;
    }

    public long expectedRefundMicro() {
        return expectedRefundMicro;
    }

    public boolean ledgerMatches() {
        return ledgerDebitMicro == expectedDebitMicro && ledgerRefundMicro == expectedRefundMicro;
    }
}
