package dev.yantra.lottery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.lottery.play.PlayState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlayComparisonTest {
    static final UUID BANCA = UUID.fromString("0b6f1d7e-8d1c-4f55-9b3e-2a7c1f0e9d01");
    static final long TEN = 1_000_000L;   // 10 units

    static PlayFacts play(PlayState state, String ticket, boolean drawOpen, List<BancaWord> words, long debit, long refund) {
        return new PlayFacts(UUID.randomUUID(), UUID.randomUUID(), BANCA, state, TEN, "DOP", "wallet", ticket, drawOpen, words,
                0, debit, refund, Optional.empty());
    }

    static PlayFacts card(PlayState state, String ticket, boolean drawOpen, List<BancaWord> words, CardPayment payment) {
        return new PlayFacts(UUID.randomUUID(), UUID.randomUUID(), BANCA, state, TEN, "DOP", "card", ticket, drawOpen, words,
                0, 0, 0, Optional.ofNullable(payment));
    }

    static List<DifferenceKind> kinds(PlayFacts p) {
        return PlayComparison.compare(p).stream().map(Difference::kind).toList();
    }

    static ReconcileStatus status(PlayFacts p) {
        return ReconcileStatus.worstOf(PlayComparison.compare(p));
    }

    @Test
    void a_confirmed_play_the_banca_confirmed_with_our_ticket_and_debited_once_is_a_match() {
        PlayFacts p = play(PlayState.CONFIRMED, "T1", false, List.of(BancaWord.confirmed("T1", "webhook")), TEN, 0);
        assertThat(PlayComparison.compare(p)).isEmpty();
        assertThat(status(p)).isEqualTo(ReconcileStatus.MATCH);
    }

    @Test
    void a_rejected_play_the_banca_rejected_and_refunded_in_full_is_a_match() {
        assertThat(kinds(play(PlayState.REJECTED, null, false, List.of(BancaWord.rejected("register")), TEN, TEN))).isEmpty();
    }

    @Test
    void a_failed_play_the_banca_never_confirmed_and_refunded_is_a_match_even_if_the_banca_rejected_it() {
        assertThat(kinds(play(PlayState.FAILED, null, false, List.of(), TEN, TEN))).isEmpty();
        assertThat(kinds(play(PlayState.FAILED, null, false, List.of(BancaWord.rejected("status")), TEN, TEN))).isEmpty();
    }

    @Test
    void a_pending_play_is_minor_while_its_draw_is_open_and_major_once_it_closed() {
        PlayFacts open = play(PlayState.AWAITING_WEBHOOK, null, true, List.of(), TEN, 0);
        PlayFacts closed = play(PlayState.QUEUED, null, false, List.of(), TEN, 0);
        assertThat(kinds(open)).containsExactly(DifferenceKind.STILL_PENDING);
        assertThat(status(open)).isEqualTo(ReconcileStatus.MINOR);
        assertThat(status(open).exitCode()).isEqualTo(1);
        assertThat(status(closed)).isEqualTo(ReconcileStatus.MAJOR);
        assertThat(status(closed).exitCode()).isEqualTo(2);
    }

    @Test
    void a_pending_play_the_banca_could_not_be_asked_about_is_unreadable_while_its_draw_is_open_and_major_after() {
        PlayFacts open = new PlayFacts(UUID.randomUUID(), UUID.randomUUID(), BANCA, PlayState.QUEUED, TEN, "DOP", "wallet", null, true,
                List.of(), 1, TEN, 0, Optional.empty());
        assertThat(kinds(open)).containsExactly(DifferenceKind.STILL_PENDING);
        assertThat(status(open)).isEqualTo(ReconcileStatus.UNREADABLE);
        assertThat(PlayComparison.compare(open).getFirst().detail()).contains("1 ask(s) or answer(s) of the banca unreadable");
        PlayFacts closed = new PlayFacts(open.playId(), open.requestId(), BANCA, PlayState.QUEUED, TEN, "DOP", "wallet", null, false,
                List.of(), 1, TEN, 0, Optional.empty());
        assertThat(status(closed)).isEqualTo(ReconcileStatus.MAJOR);
    }

    @Test
    void a_pending_play_whose_confirmation_the_banca_gave_says_so_in_its_detail() {
        PlayFacts p = play(PlayState.AWAITING_WEBHOOK, null, true, List.of(BancaWord.confirmed("TK9", "force-check")), TEN, 0);
        assertThat(PlayComparison.compare(p).getFirst().detail()).contains("the banca said confirmed (ticket TK9)", "draw still open");
    }

    @Test
    void a_confirmation_with_another_ticket_code_is_major() {
        PlayFacts p = play(PlayState.CONFIRMED, "T1", true, List.of(BancaWord.confirmed("T2", "status")), TEN, 0);
        assertThat(kinds(p)).containsExactly(DifferenceKind.TICKET_MISMATCH);
        assertThat(status(p)).isEqualTo(ReconcileStatus.MAJOR);
    }

    @Test
    void a_banca_that_gave_two_ticket_codes_for_one_play_is_a_mismatch_even_if_one_is_ours() {
        PlayFacts p = play(PlayState.CONFIRMED, "T1", false,
                List.of(BancaWord.confirmed("T1", "register"), BancaWord.confirmed("T2", "webhook")), TEN, 0);
        assertThat(kinds(p)).containsExactly(DifferenceKind.TICKET_MISMATCH);
    }

    @Test
    void a_confirmed_play_with_no_confirmation_recorded_is_major_or_unreadable_when_an_answer_could_not_be_read() {
        PlayFacts silent = play(PlayState.CONFIRMED, "T1", false, List.of(), TEN, 0);
        assertThat(kinds(silent)).containsExactly(DifferenceKind.NO_CONFIRMATION_FROM_BANCA);
        PlayFacts garbled = new PlayFacts(silent.playId(), silent.requestId(), BANCA, PlayState.CONFIRMED, TEN, "DOP", "wallet", "T1",
                false, List.of(), 1, TEN, 0, Optional.empty());
        assertThat(kinds(garbled)).containsExactly(DifferenceKind.BANCA_ANSWER_UNREADABLE);
        assertThat(status(garbled)).isEqualTo(ReconcileStatus.UNREADABLE);
        assertThat(status(garbled).exitCode()).isEqualTo(3);
    }

    @Test
    void the_banca_rejecting_a_play_we_confirmed_is_major() {
        PlayFacts p = play(PlayState.CONFIRMED, "T1", true,
                List.of(BancaWord.confirmed("T1", "register"), BancaWord.rejected("webhook")), TEN, 0);
        assertThat(kinds(p)).containsExactly(DifferenceKind.BANCA_REJECTED_WE_CONFIRMED);
    }

    @Test
    void the_banca_confirming_a_play_the_fail_safe_failed_is_major() {
        PlayFacts p = play(PlayState.FAILED, null, false, List.of(BancaWord.confirmed("LATE", "webhook")), TEN, TEN);
        assertThat(kinds(p)).containsExactly(DifferenceKind.BANCA_CONFIRMED_WE_RELEASED);
        assertThat(PlayComparison.compare(p).getFirst().detail()).contains("LATE");
    }

    @Test
    void a_rejected_play_without_a_recorded_rejection_is_major() {
        assertThat(kinds(play(PlayState.REJECTED, null, false, List.of(), TEN, TEN))).containsExactly(DifferenceKind.NO_REJECTION_FROM_BANCA);
    }

    @Test
    void a_cancelled_play_is_not_compared_with_the_banca_but_must_be_refunded() {
        assertThat(kinds(play(PlayState.CANCELLED, "T1", false, List.of(BancaWord.confirmed("T1", "register")), TEN, TEN))).isEmpty();
        assertThat(kinds(play(PlayState.CANCELLED, null, false, List.of(), TEN, 0))).containsExactly(DifferenceKind.REFUND_MISSING);
    }

    @Test
    void wallet_money_must_be_debited_once_and_refunded_exactly_when_released() {
        List<BancaWord> yes = List.of(BancaWord.confirmed("T1", "register"));
        assertThat(kinds(play(PlayState.CONFIRMED, "T1", false, yes, 0, 0))).containsExactly(DifferenceKind.DEBIT_MISMATCH);
        assertThat(kinds(play(PlayState.CONFIRMED, "T1", false, yes, 2 * TEN, 0))).containsExactly(DifferenceKind.DEBIT_MISMATCH);
        assertThat(kinds(play(PlayState.CONFIRMED, "T1", false, yes, TEN, TEN))).containsExactly(DifferenceKind.REFUND_UNEXPECTED);
        assertThat(kinds(play(PlayState.REJECTED, null, false, List.of(BancaWord.rejected("webhook")), TEN, TEN / 2)))
                .containsExactly(DifferenceKind.REFUND_MISSING);
    }

    @Test
    void a_refund_on_a_pending_play_is_major_even_while_its_draw_is_open() {
        PlayFacts p = play(PlayState.QUEUED, null, true, List.of(), TEN, TEN);
        assertThat(kinds(p)).containsExactly(DifferenceKind.STILL_PENDING, DifferenceKind.REFUND_UNEXPECTED);
        assertThat(status(p)).isEqualTo(ReconcileStatus.MAJOR);
    }

    @Test
    void a_confirmed_card_play_captured_in_full_is_a_match_and_one_not_captured_is_minor_then_major() {
        List<BancaWord> yes = List.of(BancaWord.confirmed("T1", "register"));
        assertThat(kinds(card(PlayState.CONFIRMED, "T1", false, yes, new CardPayment(CardPayment.Hold.CAPTURED, TEN, 0)))).isEmpty();
        PlayFacts open = card(PlayState.CONFIRMED, "T1", true, yes, new CardPayment(CardPayment.Hold.HELD, 0, 0));
        assertThat(kinds(open)).containsExactly(DifferenceKind.CARD_NOT_CAPTURED);
        assertThat(status(open)).isEqualTo(ReconcileStatus.MINOR);
        assertThat(status(card(PlayState.CONFIRMED, "T1", false, yes, new CardPayment(CardPayment.Hold.HELD, 0, 0))))
                .isEqualTo(ReconcileStatus.MAJOR);
    }

    @Test
    void a_hold_that_expired_uncaptured_on_a_confirmed_card_play_is_a_major_loss() {
        PlayFacts p = card(PlayState.CONFIRMED, "T1", true, List.of(BancaWord.confirmed("T1", "webhook")),
                new CardPayment(CardPayment.Hold.EXPIRED_UNCAPTURED, 0, 0));
        assertThat(kinds(p)).containsExactly(DifferenceKind.CARD_HOLD_EXPIRED_UNCAPTURED);
        assertThat(status(p)).isEqualTo(ReconcileStatus.MAJOR);
    }

    @Test
    void a_released_card_play_must_keep_nothing_and_leave_no_hold_open() {
        List<BancaWord> no = List.of(BancaWord.rejected("register"));
        assertThat(kinds(card(PlayState.REJECTED, null, false, no, new CardPayment(CardPayment.Hold.CANCELLED, 0, 0)))).isEmpty();
        assertThat(kinds(card(PlayState.FAILED, null, false, List.of(), new CardPayment(CardPayment.Hold.CAPTURED, TEN, TEN)))).isEmpty();
        assertThat(kinds(card(PlayState.REJECTED, null, false, no, new CardPayment(CardPayment.Hold.CAPTURED, TEN, 0))))
                .containsExactly(DifferenceKind.CARD_CAPTURED_NOT_REFUNDED);
        assertThat(kinds(card(PlayState.REJECTED, null, false, no, new CardPayment(CardPayment.Hold.HELD, 0, 0))))
                .containsExactly(DifferenceKind.CARD_HOLD_NOT_RELEASED);
    }

    @Test
    void a_card_play_without_payment_facts_is_compared_with_the_banca_only_and_counted_as_unchecked() {
        PlayFacts p = card(PlayState.CONFIRMED, "T1", false, List.of(BancaWord.confirmed("T1", "register")), null);
        assertThat(kinds(p)).isEmpty();
        assertThat(BancaDay.compare(BANCA, List.of(p)).cardPlaysUnchecked()).isEqualTo(1);
    }

    @Test
    void a_confirmation_without_a_ticket_code_cannot_be_recorded_as_a_word_of_the_banca() {
        assertThatThrownBy(() -> BancaWord.confirmed(" ", "webhook")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhook");
    }
}
