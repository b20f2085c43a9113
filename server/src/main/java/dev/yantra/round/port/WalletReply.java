package dev.yantra.round.port;

/**
 * A wallet answer, classified per docs/wallet-api.md, section 3 for its endpoint: DONE (money moved or confirmed moved),
 * REJECTED (a clear business refusal, nothing moved), UNKNOWN (in doubt: timeout, 5xx, unparseable, other codes).
 */
public record WalletReply(Outcome outcome, String status, Long balanceMicro) {
    public enum Outcome { DONE, REJECTED, UNKNOWN }

    public boolean done() {
        return outcome == Outcome.DONE;
    }
}
