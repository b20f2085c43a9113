package dev.yantra.lottery.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.NotFoundException;
import dev.yantra.db.Database;
import dev.yantra.lottery.catalog.LotteryCatalog;
import dev.yantra.lottery.catalog.LotterySeed;
import dev.yantra.testing.SettableClock;
import dev.yantra.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The draw scheduler on real Postgres: who moves a draw, when, and how often. */
class DrawSchedulerTest {
    /** A short lease so a takeover happens within the test; polls well inside it. */
    private static final int TTL_MS = 1_000;
    private static final DrawScheduler.Settings FAST = new DrawScheduler.Settings(Duration.ofHours(2), Duration.ofMinutes(30),
            Duration.ofMillis(50), Duration.ofMinutes(5));
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:30Z");

    private Database db;
    private DrawStore store;
    private DrawDirectory directory;
    private SettableClock clock;

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshDatabase();
        store = new DrawStore(db.jdbc());
        clock = new SettableClock(T0);
        directory = new DrawDirectory(db.jdbc(), clock);
        LotterySeed seed = new LotterySeed(db.jdbc());
        LotterySeed.demoCatalog().stream().filter(e -> e.id().equals(LotterySeed.RAPIDA)).forEach(seed::seed);
    }

    @AfterEach
    void tearDown() {
        db.close(false);
    }

    private DrawScheduler node(String name) {
        return new DrawScheduler(new DrawSchedulerLease(db.jdbc(), name, TTL_MS), store,
                new DrawGenerator(new LotteryCatalog(db.jdbc())), clock, FAST);
    }

    private List<Draw> rapida() {
        return directory.between(LotterySeed.RAPIDA, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), DrawDirectory.MAX_LIST);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_draw_opens_for_sale_and_closes_at_its_cut_off_and_not_a_millisecond_before() {
        DrawScheduler a = node("node-a");
        a.tick();
        Draw first = rapida().getFirst();
        // every 3 minutes, sales closing 1 minute before: the 12:03 draw closes at 12:02
        assertThat(first.drawTime()).isEqualTo(Instant.parse("2026-12-01T12:03:00Z"));
        assertThat(first.closesAt()).isEqualTo(Instant.parse("2026-12-01T12:02:00Z"));
        assertThat(first.state()).isEqualTo(DrawState.OPEN);
        assertThat(directory.nextOpen(LotterySeed.RAPIDA)).map(Draw::id).contains(first.id());

        clock.set(first.closesAt().minusMillis(1));
        a.tick();
        assertThat(directory.find(first.id()).orElseThrow().state()).isEqualTo(DrawState.OPEN);

        clock.set(first.closesAt());
        a.tick();
        assertThat(directory.find(first.id()).orElseThrow().state()).isEqualTo(DrawState.CLOSED);
        Map<String, Object> row = db.jdbc().sql("SELECT state_changed_at, moved_by, version FROM draws WHERE id = :id")
                .param("id", first.id()).query().singleRow();
        assertThat(((java.sql.Timestamp) row.get("state_changed_at")).toInstant()).isEqualTo(first.closesAt());
        assertThat(row.get("moved_by")).isEqualTo("node-a");
        assertThat(row.get("version")).isEqualTo(2L);
        assertThat(directory.history(first.id())).extracting(DrawDirectory.DrawTransition::to)
                .containsExactly(DrawState.OPEN, DrawState.CLOSED);
        // the next draw is now the one on sale
        assertThat(directory.nextOpen(LotterySeed.RAPIDA).orElseThrow().drawTime()).isEqualTo(Instant.parse("2026-12-01T12:06:00Z"));
        a.close();
    }

    @Test
    void a_draw_opens_only_when_its_sales_window_begins() {
        DrawScheduler a = node("node-a");
        a.tick();
        // sales open 30 minutes before the draw time (FAST): 12:30:30 is the cut for draws up to 12:30:30
        assertThat(rapida()).filteredOn(d -> d.state() == DrawState.OPEN)
                .allSatisfy(d -> assertThat(d.drawTime()).isBeforeOrEqualTo(T0.plus(Duration.ofMinutes(30))));
        assertThat(rapida()).filteredOn(d -> d.drawTime().isAfter(T0.plus(Duration.ofMinutes(30))))
                .isNotEmpty().allSatisfy(d -> assertThat(d.state()).isEqualTo(DrawState.SCHEDULED));
        a.close();
    }

    @Test
    void two_nodes_move_each_draw_exactly_once_even_when_the_lease_changes_hands() {
        DrawScheduler a = node("node-a");
        DrawScheduler b = node("node-b");
        a.start();
        b.start();
        try {
            Set<Long> epochs = new java.util.HashSet<>();
            DrawScheduler stopped = null;
            for (int step = 0; step < 60; step++) {
                clock.advance(Duration.ofSeconds(20));   // 20 minutes of draws in 60 steps
                sleep(120);
                a.fence().ifPresent(f -> epochs.add(f.epoch()));
                b.fence().ifPresent(f -> epochs.add(f.epoch()));
                if (step == 20) {
                    // the leader stops (a deploy): it gives the lease up and the other node takes over at once
                    stopped = a.fence().isPresent() ? a : b;
                    stopped.close();
                } else if (step == 30) {
                    stopped.start();
                } else if (step == 40) {
                    // the leader pauses past its TTL (a GC pause, a partition): both nodes race for the lease
                    db.jdbc().sql("UPDATE leader_leases SET lease_expires_at = now() - interval '1 second' WHERE name = 'draw-scheduler'")
                            .update();
                }
            }
            sleep(300);
            assertThat(epochs).as("the lease changed hands").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            a.close();
            b.close();
        }
        Instant end = clock.instant();
        List<Draw> closed = rapida().stream().filter(d -> !d.closesAt().isAfter(end.minusSeconds(20))).toList();
        assertThat(closed).hasSizeGreaterThanOrEqualTo(6).allSatisfy(d -> assertThat(d.state()).isEqualTo(DrawState.CLOSED));

        List<Map<String, Object>> perDraw = db.jdbc().sql("""
                SELECT draw_id, to_state, count(*) AS n FROM draw_transitions GROUP BY draw_id, to_state""").query().listOfRows();
        assertThat(perDraw).allSatisfy(r -> assertThat(r.get("n")).as("moves of one draw to one state").isEqualTo(1L));
        for (Draw d : closed) {
            List<DrawDirectory.DrawTransition> h = directory.history(d.id());
            assertThat(h).extracting(DrawDirectory.DrawTransition::to).containsExactly(DrawState.OPEN, DrawState.CLOSED);
            DrawDirectory.DrawTransition close = h.get(1);
            assertThat(close.movedBy()).isIn("node-a", "node-b");
            assertThat(close.movedAt()).isAfterOrEqualTo(d.closesAt());
            Map<String, Object> row = db.jdbc().sql("SELECT state_changed_at, moved_by FROM draws WHERE id = :id")
                    .param("id", d.id()).query().singleRow();
            assertThat(row.get("moved_by")).isEqualTo(close.movedBy());
            assertThat(((java.sql.Timestamp) row.get("state_changed_at")).toInstant()).isEqualTo(close.movedAt());
        }
        Set<String> movers = db.jdbc().sql("SELECT DISTINCT moved_by FROM draw_transitions").query(String.class).set();
        assertThat(movers).containsExactlyInAnyOrder("node-a", "node-b");
        // every move was made under the epoch its mover held: no two nodes share an epoch
        Map<Long, Set<String>> byEpoch = db.jdbc().sql("SELECT lease_epoch, moved_by FROM draw_transitions").query(
                (rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        assertThat(byEpoch.values()).allSatisfy(owners -> assertThat(owners).hasSize(1));
    }

    @Test
    void a_node_whose_lease_was_taken_moves_no_draw() {
        DrawSchedulerLease leaseA = new DrawSchedulerLease(db.jdbc(), "node-a", TTL_MS);
        DrawSchedulerLease leaseB = new DrawSchedulerLease(db.jdbc(), "node-b", TTL_MS);
        SchedulerFence a = leaseA.tryAcquire().orElseThrow();
        assertThat(leaseB.tryAcquire()).as("a held lease is not taken").isEmpty();
        store.insertMissing(List.of(new DrawStore.Planned(LotterySeed.RAPIDA, T0.plusSeconds(150), T0.plusSeconds(90))), T0);
        assertThat(store.openDue(a, T0, Duration.ofHours(1))).hasSize(1);

        db.jdbc().sql("UPDATE leader_leases SET lease_expires_at = now() - interval '1 second'").update();
        SchedulerFence b = leaseB.tryAcquire().orElseThrow();
        assertThat(b.epoch()).isGreaterThan(a.epoch());
        assertThat(leaseA.renew(a)).isFalse();

        Instant late = T0.plusSeconds(90);
        assertThat(store.closeDue(a, late)).as("the stale node's close").isEmpty();
        assertThat(store.closeDue(b, late)).hasSize(1);
        assertThat(store.closeDue(b, late)).as("a second close of the same draw").isEmpty();
    }

    @Test
    void a_draw_nobody_opened_before_its_cut_off_closes_without_ever_being_on_sale() {
        store.insertMissing(List.of(new DrawStore.Planned(LotterySeed.RAPIDA, T0.plusSeconds(150), T0.plusSeconds(90))), T0);
        SchedulerFence f = new DrawSchedulerLease(db.jdbc(), "node-a", TTL_MS).tryAcquire().orElseThrow();
        assertThat(store.closeDue(f, T0.plusSeconds(100))).hasSize(1);
        Draw d = rapida().getFirst();
        assertThat(d.state()).isEqualTo(DrawState.CLOSED);
        assertThat(directory.history(d.id())).extracting(DrawDirectory.DrawTransition::from).containsExactly(DrawState.SCHEDULED);
    }

    @Test
    void an_admin_cancels_an_open_draw_once_with_an_audit_row_and_the_scheduler_leaves_it_alone() {
        DrawScheduler a = node("node-a");
        a.tick();
        Draw open = directory.nextOpen(LotterySeed.RAPIDA).orElseThrow();
        DrawCancellation cancellation = new DrawCancellation(db.tx(), directory, store, new AdminAudit(db.jdbc()), clock,
                dev.yantra.lottery.plays.CancelledDrawPlays.standalone(db.jdbc(), dev.yantra.lottery.plays.PlayStore.CardMoney.NONE));
        DrawCancellation.Cancelled c = cancellation.cancel(open.id(), "studio power cut", "cli:ops");
        assertThat(c.from()).isEqualTo(DrawState.OPEN);
        assertThat(directory.find(open.id()).orElseThrow().state()).isEqualTo(DrawState.CANCELLED);
        assertThat(db.jdbc().sql("SELECT cancel_reason FROM draws WHERE id = :id").param("id", open.id()).query(String.class).single())
                .isEqualTo("studio power cut");
        Map<String, Object> audit = db.jdbc().sql("SELECT changed_by, action, subject, reason FROM admin_audit_log WHERE action = 'lottery.draw.cancel'")
                .query().singleRow();
        assertThat(audit).containsEntry("changed_by", "cli:ops").containsEntry("subject", "draw:" + open.id())
                .containsEntry("reason", "studio power cut");

        assertThatThrownBy(() -> cancellation.cancel(open.id(), "again", "cli:ops"))
                .isInstanceOf(DrawCancellation.AlreadyFinalException.class).hasMessageContaining("CANCELLED");
        assertThatThrownBy(() -> cancellation.cancel(UUID.randomUUID(), "x", "cli:ops")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cancellation.cancel(open.id(), " ", "cli:ops")).hasMessageContaining("reason");

        clock.set(open.closesAt().plusSeconds(1));
        a.tick();
        a.close();
        assertThat(directory.find(open.id()).orElseThrow().state()).isEqualTo(DrawState.CANCELLED);
        assertThat(directory.history(open.id())).extracting(DrawDirectory.DrawTransition::to)
                .containsExactly(DrawState.OPEN, DrawState.CANCELLED);
        assertThat(directory.nextOpen(LotterySeed.RAPIDA).orElseThrow().id()).isNotEqualTo(open.id());
    }
}
