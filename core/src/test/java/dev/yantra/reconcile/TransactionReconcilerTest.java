package dev.yantra.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransactionReconcilerTest {
    private static final Instant T0 = Instant.parse("2025-01-31T10:00:00Z");

    /** Ours rows with uuids 00…01, 00…02, … (ascending in every order), bets of 100,000 micro. */
    static List<OursTransaction> ours(int n) {
        List<OursTransaction> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new OursTransaction(new UUID(0, i), i % 3 == 0 ? Kind.WIN : Kind.BET, 100_000L * i, "LKR",
                    T0.plusSeconds(i), "bet-" + i, "round-" + (i / 10), "player-" + (i % 7)));
        }
        return rows;
    }

    static List<TransactionRow> theirsOf(List<OursTransaction> ours) {
        return new ArrayList<>(ours.stream().map(OursTransaction::asRow).toList());
    }

    private static ReconciliationReport diff(List<TransactionRow> theirs, List<OursTransaction> ours, Explainer explainer) {
        return new TransactionReconciler(explainer, ReconcileLimits.DEFAULTS).reconcile(theirs.iterator(), ours.iterator());
    }

    @Test
    void identical_sides_match() {
        var ours = ours(50);
        var report = diff(theirsOf(ours), ours, Explainer.NONE);
        assertThat(report.status()).isEqualTo(Status.MATCH);
        assertThat(report.transactions().matching()).isEqualTo(50);
        assertThat(report.differences()).isEmpty();
    }

    @Test
    void one_transaction_deleted_from_their_file_is_major_drift_naming_it_with_our_context() {
        var ours = ours(50);
        var theirs = theirsOf(ours);
        theirs.remove(16); // uuid …17
        var report = diff(theirs, ours, Explainer.NONE);
        assertThat(report.status()).isEqualTo(Status.MAJOR_DRIFT);
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(DifferenceType.OURS_ONLY);
            assertThat(d.transactionUuid()).isEqualTo(new UUID(0, 17));
            assertThat(d.ours().betId()).isEqualTo("bet-17");
            assertThat(d.ours().roundId()).isEqualTo("round-1");
            assertThat(d.ours().playerRef()).isEqualTo("player-3");
        });
        assertThat(ReportRenderer.render(report, ReportRenderer.Format.TEXT, false))
                .contains("OURS_ONLY").contains(new UUID(0, 17).toString());
    }

    @Test
    void one_micro_changed_is_major_drift_naming_the_transaction() {
        var ours = ours(50);
        var theirs = theirsOf(ours);
        TransactionRow t = theirs.get(29);
        theirs.set(29, new TransactionRow(t.transactionUuid(), t.kind(), t.amountMicro() + 1, t.currency(), t.createdAt()));
        var report = diff(theirs, ours, Explainer.NONE);
        assertThat(report.status()).isEqualTo(Status.MAJOR_DRIFT);
        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(DifferenceType.AMOUNT_MISMATCH);
            assertThat(d.transactionUuid()).isEqualTo(new UUID(0, 30));
            assertThat(d.note()).isEqualTo("amountMicro ours 3000000, theirs 3000001");
        });
    }

    @Test
    void a_theirs_only_win_whose_job_is_still_open_is_minor_drift_with_the_pending_note() {
        var ours = ours(50);
        var theirs = theirsOf(ours);
        var owed = ours.remove(20); // they booked the WIN, our confirmation is pending
        Explainer openJob = new Explainer() {
            @Override
            public Explanation theirsOnly(TransactionRow t) {
                return t.transactionUuid().equals(owed.transactionUuid()) ? Explanation.openJob("job-77") : Explanation.none();
            }

            @Override
            public Explanation oursOnly(OursTransaction o) {
                return Explanation.none();
            }
        };
        var report = diff(theirs, ours, openJob);
        assertThat(report.status()).isEqualTo(Status.MINOR_DRIFT);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.differences()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(DifferenceType.THEIRS_ONLY);
            assertThat(d.note()).isEqualTo("pending: will close when job job-77 completes");
        });
        assertThat(report.transactions().pendingExplained()).isEqualTo(1);
    }

    @Test
    void a_dropped_call_is_major_drift_and_called_a_bug() {
        var ours = ours(10);
        var theirs = theirsOf(ours);
        ours.remove(4);
        Explainer dropped = new Explainer() {
            @Override
            public Explanation theirsOnly(TransactionRow t) {
                return Explanation.droppedCall();
            }

            @Override
            public Explanation oursOnly(OursTransaction o) {
                return Explanation.none();
            }
        };
        var report = diff(theirs, ours, dropped);
        assertThat(report.status()).isEqualTo(Status.MAJOR_DRIFT);
        assertThat(report.differences().get(0).note()).isEqualTo("we dropped it: failed call never retried — a bug");
    }

    @Test
    void kind_currency_and_duplicate_differences_are_each_reported() {
        var ours = ours(5);
        var theirs = theirsOf(ours);
        TransactionRow second = theirs.get(1);
        theirs.set(1, new TransactionRow(second.transactionUuid(), Kind.ROLLBACK, second.amountMicro(), "USD", second.createdAt()));
        theirs.add(3, theirs.get(2));
        var report = diff(theirs, ours, Explainer.NONE);
        assertThat(report.differences()).extracting(Difference::type).containsExactly(
                DifferenceType.KIND_MISMATCH, DifferenceType.CURRENCY_MISMATCH, DifferenceType.DUPLICATE_IN_THEIRS);
        assertThat(report.transactions().matching()).isEqualTo(4);
        assertThat(report.transactions().theirsRows()).isEqualTo(6);
    }

    @Test
    void only_the_first_differences_are_listed_but_all_are_counted_and_explained() {
        var limits = new ReconcileLimits(64 * 1024, 100, 3, 10, 10);
        var ours = ours(10);
        int[] explained = {0};
        Explainer counting = new Explainer() {
            @Override
            public Explanation theirsOnly(TransactionRow t) {
                return Explanation.none();
            }

            @Override
            public Explanation oursOnly(OursTransaction o) {
                explained[0]++;
                return Explanation.openJob("j" + explained[0]);
            }
        };
        var report = new TransactionReconciler(counting, limits).reconcile(List.<TransactionRow>of().iterator(), ours.iterator());
        assertThat(report.differences()).hasSize(3);
        assertThat(report.differenceCount()).isEqualTo(10);
        assertThat(explained[0]).isEqualTo(10);
        assertThat(report.status()).isEqualTo(Status.MINOR_DRIFT);
    }

    @Test
    void rows_are_merged_in_unsigned_uuid_order_as_postgres_sorts_them() {
        // 7fff… < 8000… in Postgres and as text, though UUID.compareTo says otherwise.
        var low = new OursTransaction(UUID.fromString("7fffffff-ffff-4fff-bfff-ffffffffffff"), Kind.BET, 1, "LKR", T0, null, null, null);
        var high = new OursTransaction(UUID.fromString("80000000-0000-4000-8000-000000000000"), Kind.BET, 1, "LKR", T0, null, null, null);
        assertThat(low.transactionUuid().compareTo(high.transactionUuid())).isPositive();
        assertThat(TransactionOrder.compare(low.transactionUuid(), high.transactionUuid())).isNegative();
        assertThat(low.transactionUuid().toString().compareTo(high.transactionUuid().toString())).isNegative();
        var report = diff(List.of(low.asRow(), high.asRow()), List.of(low, high), Explainer.NONE);
        assertThat(report.status()).isEqualTo(Status.MATCH);
    }

    @Test
    void our_rows_out_of_order_are_refused_as_a_query_bug() {
        var ours = new ArrayList<>(ours(3));
        ours.add(ours.get(0));
        assertThatThrownBy(() -> diff(List.of(), ours, Explainer.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("strictly ascending");
    }

    @Test
    void their_rows_out_of_order_are_refused() {
        var ours = ours(3);
        var theirs = theirsOf(ours);
        java.util.Collections.reverse(theirs);
        assertThatThrownBy(() -> diff(theirs, ours, Explainer.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not sorted");
    }
}
