package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.play.PlayState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The decision table for one play: its differences (none is a match). Rules:
 * <ul>
 * <li>a pending play is a difference, MINOR while its draw is on sale (it can still settle by itself), MAJOR
 *     after (the fail-safe should have ended it); UNREADABLE while on sale if the banca was asked and gave no
 *     usable answer;</li>
 * <li>a confirmed play needs a recorded confirmation from the banca with our ticket code and no rejection;</li>
 * <li>a rejected play needs a recorded rejection; a rejected or failed play must have no confirmation (the
 *     banca would hold a ticket whose money we released);</li>
 * <li>a wallet play is debited exactly its amount; refunded exactly its amount once released, else not at all;</li>
 * <li>a card play with card facts: confirmed means captured in full; released means nothing kept (captured
 *     minus refunded is zero) and no hold left open; a hold that expired uncaptured is MAJOR.</li>
 * </ul>
 * A cancelled play is not compared with the banca: it was never sent, or its draw was cancelled (and then the
 * banca's confirmation is expected). When the banca's word is missing and some answer could not be read,
 * the difference is UNREADABLE rather than MAJOR: we cannot tell.
 */
public final class PlayComparison {
    private PlayComparison() {
    }

    public static List<Difference> compare(PlayFacts p) {
        List<Difference> out = new ArrayList<>();
        bancaSide(p, out);
        walletMoney(p, out);
        p.card().ifPresent(c -> cardMoney(p, c, out));
        return out;
    }

    private static void bancaSide(PlayFacts p, List<Difference> out) {
        Set<String> tickets = new LinkedHashSet<>();
        boolean rejected = false;
        for (BancaWord w : p.words()) {
            if (w.verdict() == BancaWord.Verdict.CONFIRMED) tickets.add(w.ticketCode());
            else rejected = true;
        }
        boolean confirmed = !tickets.isEmpty();
        if (p.pending()) {
            String heard = confirmed ? "; the banca said confirmed (ticket " + String.join(", ", tickets) + ")"
                    : rejected ? "; the banca said rejected" : "";
            // asked and not answered (or an answer we cannot read): we cannot say it will settle by itself
            Severity severity = !p.drawOpen() ? Severity.MAJOR : p.unreadableAnswers() > 0 ? Severity.UNREADABLE : Severity.MINOR;
            String unread = p.unreadableAnswers() > 0 ? "; " + p.unreadableAnswers() + " ask(s) or answer(s) of the banca unreadable" : "";
            out.add(diff(p, DifferenceKind.STILL_PENDING, severity,
                    "ours " + p.state() + (p.drawOpen() ? ", draw still open" : ", draw closed") + heard + unread));
            return;
        }
        switch (p.state()) {
            case CONFIRMED -> {
                if (rejected) {
                    out.add(diff(p, DifferenceKind.BANCA_REJECTED_WE_CONFIRMED, Severity.MAJOR, "ours CONFIRMED ticket " + p.ticketCode()));
                } else if (!confirmed) {
                    missing(p, DifferenceKind.NO_CONFIRMATION_FROM_BANCA, "ours CONFIRMED ticket " + p.ticketCode(), out);
                } else if (tickets.size() > 1 || !tickets.contains(p.ticketCode())) {
                    out.add(diff(p, DifferenceKind.TICKET_MISMATCH, Severity.MAJOR,
                            "ours " + p.ticketCode() + ", the banca's " + String.join(", ", tickets)));
                }
            }
            case REJECTED, FAILED -> {
                if (confirmed) {
                    out.add(diff(p, DifferenceKind.BANCA_CONFIRMED_WE_RELEASED, Severity.MAJOR,
                            "ours " + p.state() + ", the banca's ticket " + String.join(", ", tickets)));
                } else if (p.state() == PlayState.REJECTED && !rejected) {
                    missing(p, DifferenceKind.NO_REJECTION_FROM_BANCA, "ours REJECTED", out);
                }
            }
            default -> {
                // CANCELLED: never sent, or its draw was cancelled after the banca confirmed it
            }
        }
    }

    private static void missing(PlayFacts p, DifferenceKind kind, String ours, List<Difference> out) {
        if (p.unreadableAnswers() > 0) {
            out.add(diff(p, DifferenceKind.BANCA_ANSWER_UNREADABLE, Severity.UNREADABLE,
                    ours + "; " + p.unreadableAnswers() + " answer(s) of the banca could not be read"));
        } else {
            out.add(diff(p, kind, Severity.MAJOR, ours));
        }
    }

    private static void walletMoney(PlayFacts p, List<Difference> out) {
        if (!p.wallet()) return;
        if (p.walletDebitMicro() != p.amountMicro()) {
            out.add(diff(p, DifferenceKind.DEBIT_MISMATCH, Severity.MAJOR,
                    "debited " + p.walletDebitMicro() + " micro, amount " + p.amountMicro() + " micro"));
        }
        boolean released = p.state().moneyReleased();
        if (released && p.walletRefundMicro() != p.amountMicro()) {
            out.add(diff(p, DifferenceKind.REFUND_MISSING, Severity.MAJOR,
                    "ours " + p.state() + ", refunded " + p.walletRefundMicro() + " micro of " + p.amountMicro()));
        } else if (!released && p.walletRefundMicro() != 0) {
            out.add(diff(p, DifferenceKind.REFUND_UNEXPECTED, Severity.MAJOR,
                    "ours " + p.state() + ", refunded " + p.walletRefundMicro() + " micro"));
        }
    }

    private static void cardMoney(PlayFacts p, CardPayment c, List<Difference> out) {
        if (c.hold() == CardPayment.Hold.EXPIRED_UNCAPTURED && p.state() == PlayState.CONFIRMED) {
            out.add(diff(p, DifferenceKind.CARD_HOLD_EXPIRED_UNCAPTURED, Severity.MAJOR, "confirmed, hold expired, captured "
                    + c.capturedMicro() + " micro of " + p.amountMicro()));
            return;
        }
        if (p.state() == PlayState.CONFIRMED && c.capturedMicro() != p.amountMicro()) {
            out.add(diff(p, DifferenceKind.CARD_NOT_CAPTURED, p.drawOpen() ? Severity.MINOR : Severity.MAJOR,
                    "hold " + c.hold() + ", captured " + c.capturedMicro() + " micro of " + p.amountMicro()));
        }
        if (p.state().moneyReleased()) {
            if (c.capturedMicro() - c.refundedMicro() != 0) {
                out.add(diff(p, DifferenceKind.CARD_CAPTURED_NOT_REFUNDED, Severity.MAJOR,
                        "ours " + p.state() + ", captured " + c.capturedMicro() + " micro, refunded " + c.refundedMicro()));
            }
            if (c.hold() == CardPayment.Hold.HELD || c.hold() == CardPayment.Hold.AUTHORIZING) {
                out.add(diff(p, DifferenceKind.CARD_HOLD_NOT_RELEASED, p.drawOpen() ? Severity.MINOR : Severity.MAJOR,
                        "ours " + p.state() + ", hold " + c.hold()));
            }
        }
    }

    private static Difference diff(PlayFacts p, DifferenceKind kind, Severity severity, String detail) {
        return new Difference(p.playId(), p.requestId(), kind, severity, detail);
    }
}
