package dev.yantra.round;

import dev.yantra.control.ControlPlane;

import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
/**
 * The reconciliation playbook's "halt new settlements": while settlements are halted for an operator (or a game
 * of it), a winner is not paid by a direct call — the WIN is handed to the durable queue instead (the caller
 * treats "no answer" as owed), and the job runner leaves that operator's jobs waiting until the halt is lifted.
 * Owed money is parked, never dropped.
 */
public final class SettlementHaltWallet implements WalletPort {
    private final WalletPort delegate;
    private final ControlPlane control;

    public SettlementHaltWallet(WalletPort delegate, ControlPlane control) {
        this.delegate = delegate;
        this.control = control;
    }

    @Override
    public WalletReply bet(Call call) {
        return delegate.bet(call);
    }

    @Override
    public Answered betJournalLater(Call call) {
        return delegate.betJournalLater(call);
    }

    @Override
    public WalletReply win(Call call, java.time.Duration within) {
        if (control.snapshot().settlementsHalted(call.operatorId(), call.gameCode())) {
            return new WalletReply(WalletReply.Outcome.UNKNOWN, "settlements_halted", null);
        }
        return delegate.win(call, within);
    }

    @Override
    public WalletReply rollback(Call call) {
        return delegate.rollback(call);
    }

    @Override
    public WalletReply balance(Call call) {
        return delegate.balance(call);
    }
}
