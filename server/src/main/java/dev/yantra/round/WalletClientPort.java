package dev.yantra.round;

import dev.yantra.breaker.CounterpartyBreakers;
import dev.yantra.round.port.BreakerPort;
import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
import dev.yantra.wallet.WalletClient;
import dev.yantra.wallet.WalletRequest;
import dev.yantra.wallet.WalletResponse;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.util.UUID;

/**
 * The wallet feature's {@link WalletClient} (signing, classification, wallet_calls journal, breaker feed) seen as
 * the table engine's {@link WalletPort} and {@link BreakerPort}.
 */
public final class WalletClientPort implements WalletPort, BreakerPort {
    private final WalletClient client;
    private final CounterpartyBreakers breakers;

    public WalletClientPort(WalletClient client) {
        this.client = client;
        this.breakers = client.breakers();
    }

    /** For tests and admin tooling: force or inspect the operator breakers. */
    public CounterpartyBreakers breakers() {
        return breakers;
    }

    @Override
    public boolean allows(UUID operatorId) {
        return breakers.allows(operatorId.toString());
    }

    @Override
    public WalletReply bet(Call c) {
        return reply(client.call(request(WalletEndpoint.BET, c)));
    }

    @Override
    public Answered betJournalLater(Call c) {
        WalletClient.Exchanged e = client.exchange(request(WalletEndpoint.BET, c), null);
        return new Answered(reply(e.response()), e.journalInsert().map(i -> new JournalRow(i.sql(), i.params())), e::journalOrLog);
    }

    @Override
    public WalletReply win(Call c, java.time.Duration within) {
        return reply(client.call(request(WalletEndpoint.WIN, c), within));
    }

    @Override
    public WalletReply rollback(Call c) {
        return reply(client.call(request(WalletEndpoint.ROLLBACK, c)));
    }

    @Override
    public WalletReply balance(Call c) {
        return reply(client.call(WalletRequest.balance(c.operatorId(), c.playerRef(), c.currency(), c.gameCode())));
    }

    private static WalletRequest request(WalletEndpoint endpoint, Call c) {
        return new WalletRequest(endpoint, c.operatorId(), c.playerRef(), c.currency(), c.gameCode(), c.roundId(),
                c.betId(), null, c.requestUuid(), c.transactionUuid(), c.referenceTransactionUuid(), c.amountMicro(), 1);
    }

    static WalletReply reply(WalletResponse r) {
        WalletReply.Outcome outcome = switch (r.verdict()) {
            case ACCEPTED, DONE -> WalletReply.Outcome.DONE;
            case REJECTED, DONE_NOTHING_MOVED -> WalletReply.Outcome.REJECTED;
            case IN_DOUBT, RETRY -> WalletReply.Outcome.UNKNOWN;
        };
        String status = r.sent() ? r.status() : WalletResponse.NOT_SENT_BREAKER_OPEN;
        return new WalletReply(outcome, status, r.balanceMicro());
    }
}
