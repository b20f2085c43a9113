package dev.yantra.lottery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a recorded banca answer and a stored payment status are read, without a database. */
class RecordedAnswersTest {
    @Test
    void a_register_or_status_answer_is_read_by_its_classified_outcome_and_needs_its_ticket_to_be_a_confirmation() {
        assertThat(PlayFactsQuery.word("register", "confirmed", "{\"status\":\"confirmed\",\"playIdBanca\":\"B1\",\"ticketCode\":\"T1\"}"))
                .contains(BancaWord.confirmed("T1", "register"));
        assertThat(PlayFactsQuery.word("register", "rejected", "{\"status\":\"rejected\",\"reason\":\"number_sold_out\"}"))
                .contains(BancaWord.rejected("register"));
        // a 4xx whose body says rejected is classified rejected whatever else the body holds
        assertThat(PlayFactsQuery.word("register", "rejected", "<html>")).contains(BancaWord.rejected("register"));
        assertThat(PlayFactsQuery.word("status", "confirmed", "{\"status\":\"confirmed\",\"playIdBanca\":\"B1\"")).isEmpty();
    }

    @Test
    void a_webhook_is_read_by_its_body() {
        assertThat(PlayFactsQuery.word("webhook", "conflict", "{\"requestId\":\"x\",\"status\":\"confirmed\",\"playIdBanca\":\"B\",\"ticketCode\":\"LATE\"}"))
                .contains(BancaWord.confirmed("LATE", "webhook"));
        assertThat(PlayFactsQuery.word("webhook", "applied", "{\"status\":\"rejected\",\"ticketCode\":null}")).contains(BancaWord.rejected("webhook"));
        assertThat(PlayFactsQuery.word("webhook", "applied", "not json")).isEqualTo(Optional.empty());
    }

    @Test
    void a_payment_status_maps_to_the_state_of_its_hold() {
        assertThat(PaymentsTable.hold("requires_capture", 0, null, null)).isEqualTo(CardPayment.Hold.HELD);
        assertThat(PaymentsTable.hold("succeeded", 7550, null, null)).isEqualTo(CardPayment.Hold.CAPTURED);
        assertThat(PaymentsTable.hold("canceled", 0, null, null)).isEqualTo(CardPayment.Hold.CANCELLED);
        assertThat(PaymentsTable.hold("canceled", 0, null, "the hold lapsed before capture: a confirmed play whose stake was not collected"))
                .isEqualTo(CardPayment.Hold.EXPIRED_UNCAPTURED);
        assertThat(PaymentsTable.hold("requires_payment_method", 0, "card_declined", null)).isEqualTo(CardPayment.Hold.FAILED);
        assertThat(PaymentsTable.hold("requires_payment_method", 0, null, null)).isEqualTo(CardPayment.Hold.AUTHORIZING);
        assertThat(PaymentsTable.hold("creating", 0, null, null)).isEqualTo(CardPayment.Hold.AUTHORIZING);
    }
}
