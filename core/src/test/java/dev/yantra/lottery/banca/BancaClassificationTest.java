package dev.yantra.lottery.banca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.lottery.banca.BancaAnswer.Kind;
import dev.yantra.lottery.play.PlayState;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The banca answer rules written out, one row per case, as a reviewer reads them. */
class BancaClassificationTest {

    private static final String CONFIRMED = "{\"status\":\"confirmed\",\"playIdBanca\":\"B-1\",\"ticketCode\":\"T-9\"}";
    private static final String REJECTED = "{\"status\":\"rejected\",\"reason\":\"number sold out\",\"ticketCode\":null}";
    private static final String ACCEPTED = "{\"status\":\"accepted\"}";

    private record Row(int status, String body, boolean timedOut, Kind kind, boolean breaker, boolean signature) {
    }

    private static final List<Row> TABLE = List.of(
            //     status body                          timeout kind                breaker signature
            new Row(200, CONFIRMED, false, Kind.CONFIRMED, false, false),
            new Row(200, REJECTED, false, Kind.REJECTED, false, false),
            new Row(202, ACCEPTED, false, Kind.ACCEPTED, false, false),
            new Row(202, null, false, Kind.ACCEPTED, false, false),
            new Row(202, "<html>ok</html>", false, Kind.ACCEPTED, false, false),
            new Row(202, "{\"status\":\"pending\"}", false, Kind.ACCEPTED, false, false),
            new Row(202, "{\"status\":\"confirmed\"}", false, Kind.ACCEPTED, false, false),
            new Row(202, CONFIRMED, false, Kind.CONFIRMED, false, false),
            new Row(202, REJECTED, false, Kind.REJECTED, false, false),
            new Row(200, ACCEPTED, false, Kind.ACCEPTED, false, false),
            new Row(201, CONFIRMED, false, Kind.CONFIRMED, false, false),
            new Row(200, "{\"status\":\"CONFIRMED\",\"playIdBanca\":77,\"ticketCode\":\"T\"}", false, Kind.CONFIRMED, false, false),
            new Row(200, "{\"status\":\"confirmed\",\"playIdBanca\":\"B-1\"}", false, Kind.RETRY, true, false),
            new Row(200, "{\"status\":\"confirmed\",\"playIdBanca\":\"\",\"ticketCode\":\"T\"}", false, Kind.RETRY, true, false),
            new Row(200, "{\"status\":\"pending\"}", false, Kind.RETRY, true, false),
            new Row(200, "{\"status\":true}", false, Kind.RETRY, true, false),
            new Row(200, "[\"confirmed\"]", false, Kind.RETRY, true, false),
            new Row(200, "not json", false, Kind.RETRY, true, false),
            new Row(200, "", false, Kind.RETRY, true, false),
            new Row(200, null, false, Kind.RETRY, true, false),
            new Row(204, null, false, Kind.RETRY, true, false),
            new Row(200, CONFIRMED, true, Kind.RETRY, true, false),
            new Row(0, null, false, Kind.RETRY, true, false),
            new Row(401, null, false, Kind.RETRY, true, true),
            new Row(403, REJECTED, false, Kind.RETRY, true, true),
            new Row(408, null, false, Kind.RETRY, true, false),
            new Row(429, REJECTED, false, Kind.RETRY, true, false),
            new Row(500, REJECTED, false, Kind.RETRY, true, false),
            new Row(503, "Service Unavailable", false, Kind.RETRY, true, false),
            new Row(599, null, false, Kind.RETRY, true, false),
            new Row(400, REJECTED, false, Kind.REJECTED, false, false),
            new Row(422, REJECTED, false, Kind.REJECTED, false, false),
            new Row(400, "{\"error\":\"bad lotteryId\"}", false, Kind.RETRY_LIMITED, false, false),
            new Row(404, null, false, Kind.RETRY_LIMITED, false, false),
            new Row(422, CONFIRMED, false, Kind.RETRY_LIMITED, false, false),
            new Row(409, CONFIRMED, false, Kind.CONFIRMED, false, false),
            new Row(409, REJECTED, false, Kind.REJECTED, false, false),
            new Row(409, "{\"status\":\"duplicate\"}", false, Kind.RETRY_LIMITED, false, false),
            new Row(302, null, false, Kind.RETRY, true, false),
            new Row(100, null, false, Kind.RETRY, true, false),
            new Row(700, CONFIRMED, false, Kind.RETRY, true, false));

    @Test
    void every_row_of_the_rules_gives_its_outcome() {
        for (Row row : TABLE) {
            BancaAnswer a = BancaClassification.classify(row.status, row.body, row.timedOut);
            String what = row.status + " " + row.body + (row.timedOut ? " (timed out)" : "");
            assertThat(a.kind()).as(what).isEqualTo(row.kind);
            assertThat(a.countsAsBreakerFailure()).as("breaker: " + what).isEqualTo(row.breaker);
            assertThat(a instanceof BancaAnswer.Retry r && r.signatureRefused()).as("signature: " + what)
                    .isEqualTo(row.signature);
        }
    }

    @Test
    void a_confirmation_carries_the_bancas_ids_and_a_rejection_its_reason() {
        assertThat(BancaClassification.classify(200, CONFIRMED, false)).isEqualTo(new BancaAnswer.Confirmed("B-1", "T-9"));
        assertThat(BancaClassification.classify(200, REJECTED, false)).isEqualTo(new BancaAnswer.Rejected("number sold out"));
        assertThat(BancaClassification.classify(200, "{\"status\":\"rejected\"}", false))
                .isEqualTo(new BancaAnswer.Rejected("rejected by the banca"));
        assertThat(BancaClassification.classify(400, "{\"status\":\"x\",\"reason\":\"lotteryId unknown\"}", false))
                .isEqualTo(new BancaAnswer.RetryLimited("HTTP 400: lotteryId unknown"));
    }

    @Test
    void each_answer_names_the_play_state_it_leads_to() {
        assertThat(BancaClassification.classify(200, CONFIRMED, false).answeredState()).contains(PlayState.CONFIRMED);
        assertThat(BancaClassification.classify(200, REJECTED, false).answeredState()).contains(PlayState.REJECTED);
        assertThat(BancaClassification.classify(202, ACCEPTED, false).answeredState()).contains(PlayState.AWAITING_WEBHOOK);
        assertThat(BancaClassification.classify(500, null, false).answeredState()).isEmpty();
        assertThat(BancaClassification.networkError("connection refused"))
                .isEqualTo(new BancaAnswer.Retry("network error: connection refused", true, false));
    }

    @Test
    void oversized_ids_and_bodies_are_garbage_and_reasons_are_cut() {
        String longId = "x".repeat(BancaReply.MAX_ID_CHARS + 1);
        assertThat(BancaClassification.classify(200,
                "{\"status\":\"confirmed\",\"playIdBanca\":\"" + longId + "\",\"ticketCode\":\"T\"}", false).kind())
                .isEqualTo(Kind.RETRY);
        String huge = "{\"status\":\"confirmed\",\"playIdBanca\":\"B\",\"ticketCode\":\"T\",\"pad\":\""
                + "x".repeat(BancaReply.MAX_BODY_CHARS) + "\"}";
        assertThat(BancaClassification.classify(200, huge, false).kind()).isEqualTo(Kind.RETRY);
        String reason = "r".repeat(2000);
        BancaAnswer a = BancaClassification.classify(200, "{\"status\":\"rejected\",\"reason\":\"" + reason + "\"}", false);
        assertThat(((BancaAnswer.Rejected) a).reason()).hasSize(BancaReply.MAX_REASON_CHARS);
    }

    @Test
    void random_bodies_never_throw_and_never_turn_a_5xx_into_a_rejection() {
        Random random = new Random(99L);
        String[] pieces = {"{", "}", "\"status\"", ":", "\"rejected\"", "\"confirmed\"", ",", "\"playIdBanca\"",
                "\"ticketCode\"", "\"B\"", "1", "null", "[", "]", "\\", "\"", " "};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder body = new StringBuilder();
            int n = random.nextInt(12);
            for (int k = 0; k < n; k++) body.append(pieces[random.nextInt(pieces.length)]);
            int status = 100 + random.nextInt(500);
            BancaAnswer a = BancaClassification.classify(status, body.toString(), random.nextInt(10) == 0);
            if (status >= 500) assertThat(a.kind()).isEqualTo(Kind.RETRY);
            if (status == 401 || status == 403) assertThat(a.kind()).isEqualTo(Kind.RETRY);
        }
    }
}
