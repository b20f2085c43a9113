package dev.yantra.lottery.reconcile;

import static dev.yantra.lottery.reconcile.PlayComparisonTest.BANCA;
import static dev.yantra.lottery.reconcile.PlayComparisonTest.TEN;
import static dev.yantra.lottery.reconcile.PlayComparisonTest.play;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.lottery.play.PlayState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BancaDayTest {
    @Test
    void a_day_of_matching_plays_totals_both_sides_and_matches() {
        BancaDay day = BancaDay.compare(BANCA, List.of(
                play(PlayState.CONFIRMED, "T1", false, List.of(BancaWord.confirmed("T1", "register")), TEN, 0),
                play(PlayState.CONFIRMED, "T2", false, List.of(BancaWord.confirmed("T2", "webhook")), TEN, 0),
                play(PlayState.REJECTED, null, false, List.of(BancaWord.rejected("status")), TEN, TEN)));
        assertThat(day.status()).isEqualTo(ReconcileStatus.MATCH);
        CurrencyTotals dop = day.totals().get("DOP");
        assertThat(dop.ours(PlayState.CONFIRMED)).isEqualTo(new Tally(2, 2 * TEN));
        assertThat(dop.banca(CurrencyTotals.BancaSays.CONFIRMED)).isEqualTo(new Tally(2, 2 * TEN));
        assertThat(dop.banca(CurrencyTotals.BancaSays.REJECTED)).isEqualTo(new Tally(1, TEN));
        assertThat(dop.ledgerDebitMicro()).isEqualTo(3 * TEN);
        assertThat(dop.ledgerRefundMicro()).isEqualTo(TEN).isEqualTo(dop.expectedRefundMicro());
        assertThat(dop.ledgerMatches()).isTrue();
    }

    @Test
    void only_pending_plays_of_open_draws_make_the_day_minor_and_one_major_play_makes_it_major() {
        PlayFacts pendingOpen = play(PlayState.AWAITING_WEBHOOK, null, true, List.of(), TEN, 0);
        assertThat(BancaDay.compare(BANCA, List.of(pendingOpen)).status().exitCode()).isEqualTo(1);
        PlayFacts unrefunded = play(PlayState.FAILED, null, false, List.of(), TEN, 0);
        BancaDay day = BancaDay.compare(BANCA, List.of(pendingOpen, unrefunded));
        assertThat(day.status()).isEqualTo(ReconcileStatus.MAJOR);
        assertThat(day.count(Severity.MINOR)).isEqualTo(1);
        assertThat(day.count(Severity.MAJOR)).isEqualTo(1);
        assertThat(day.totals().get("DOP").ledgerMatches()).isFalse();
    }

    @Test
    void a_major_difference_wins_over_an_unreadable_answer_and_an_unreadable_one_over_a_minor() {
        assertThat(ReconcileStatus.MINOR.worst(ReconcileStatus.UNREADABLE)).isEqualTo(ReconcileStatus.UNREADABLE);
        assertThat(ReconcileStatus.UNREADABLE.worst(ReconcileStatus.MAJOR)).isEqualTo(ReconcileStatus.MAJOR);
        assertThat(ReconcileStatus.MAJOR.worst(ReconcileStatus.MINOR)).isEqualTo(ReconcileStatus.MAJOR);
        assertThat(ReconcileStatus.fromExitCode(3)).isEqualTo(ReconcileStatus.UNREADABLE);
    }

    @Test
    void a_play_of_another_banca_is_refused() {
        PlayFacts other = new PlayFacts(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), PlayState.CONFIRMED, TEN, "DOP",
                "wallet", "T", false, List.of(), 0, TEN, 0, Optional.empty());
        assertThatThrownBy(() -> BancaDay.compare(BANCA, List.of(other))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not " + BANCA);
    }

    @Test
    void currencies_are_totalled_apart() {
        PlayFacts usd = new PlayFacts(UUID.randomUUID(), UUID.randomUUID(), BANCA, PlayState.CONFIRMED, TEN, "USD", "wallet", "T",
                false, List.of(BancaWord.confirmed("T", "register")), 0, TEN, 0, Optional.empty());
        BancaDay day = BancaDay.compare(BANCA, List.of(usd, play(PlayState.CANCELLED, null, false, List.of(), TEN, TEN)));
        assertThat(day.totals().keySet()).containsExactlyInAnyOrder("DOP", "USD");
        assertThat(day.totals().get("USD").ours(PlayState.CONFIRMED).plays()).isEqualTo(1);
        assertThat(day.totals().get("DOP").ours(PlayState.CANCELLED).plays()).isEqualTo(1);
    }
}
