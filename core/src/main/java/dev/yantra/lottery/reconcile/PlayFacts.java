package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.play.PlayState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything a reconciliation knows about one play: our row, the ledger, the banca's words and (for a card
 * play, when the payments side provides it) the card payment.
 *
 * @param drawOpen          the play's draw is still on sale (a pending play can still settle by itself)
 * @param words             every final answer of the banca we recorded or got asking now, oldest first
 * @param unreadableAnswers answers the banca gave that say something final but could not be read, plus asks
 *                          of this run that got no usable answer
 * @param walletDebitMicro  the sum of the play's {@code play_debit} ledger rows, as a positive number
 * @param walletRefundMicro the sum of the play's {@code refund} ledger rows
 * @param card              the card payment; empty for a wallet play or when no payments source is wired
 */
public record PlayFacts(UUID playId, UUID requestId, UUID bancaId, PlayState state, long amountMicro, String currency,
                        String paymentMethod, String ticketCode, boolean drawOpen, List<BancaWord> words,
                        int unreadableAnswers, long walletDebitMicro, long walletRefundMicro, Optional<CardPayment> card) {
    public static final String WALLET = "wallet";
    public static final String CARD = "card";

    public PlayFacts {
        Objects.requireNonNull(playId, "playId");
        Objects.requireNonNull(bancaId, "bancaId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(card, "card");
        words = List.copyOf(words);
        if (amountMicro <= 0) throw new IllegalArgumentException("amountMicro must be > 0, was " + amountMicro + " (play " + playId + ")");
        if (unreadableAnswers < 0) throw new IllegalArgumentException("unreadableAnswers must be >= 0, was " + unreadableAnswers);
    }

    public boolean pending() {
        return state == PlayState.AWAITING_PAYMENT || state == PlayState.QUEUED || state == PlayState.AWAITING_WEBHOOK;
    }

    public boolean wallet() {
        return WALLET.equals(paymentMethod);
    }

    public boolean cardPlay() {
        return CARD.equals(paymentMethod);
    }

    /** The same facts with one more word of the banca (what a force-check heard). */
    public PlayFacts withWord(BancaWord word) {
        List<BancaWord> more = new java.util.ArrayList<>(words);
        more.add(word);
        return new PlayFacts(playId, requestId, bancaId, state, amountMicro, currency, paymentMethod, ticketCode, drawOpen, more,
                unreadableAnswers, walletDebitMicro, walletRefundMicro, card);
    }
}
