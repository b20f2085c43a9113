package dev.yantra.lottery.reconcile;

import java.util.Objects;

/**
 * One final thing the banca said about a play: in a register reply, a status answer or a webhook.
 * {@code ticketCode} is null for a rejection. {@code source} names where we heard it (register, status,
 * webhook, force-check) for the report.
 */
public record BancaWord(Verdict verdict, String ticketCode, String source) {
    public enum Verdict { CONFIRMED, REJECTED }

    public BancaWord {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(source, "source");
        if (verdict == Verdict.CONFIRMED && (ticketCode == null || ticketCode.isBlank())) {
            throw new IllegalArgumentException("a confirmation carries a ticket code, " + source + " gave none");
        }
    }

    public static BancaWord confirmed(String ticketCode, String source) {
        return new BancaWord(Verdict.CONFIRMED, ticketCode, source);
    }

    public static BancaWord rejected(String source) {
        return new BancaWord(Verdict.REJECTED, null, source);
    }
}
