package dev.yantra.counterparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The call journal writes every row of a group commit, nulls included, through one statement text for any batch size. */
class CallJournalTest {
    record Probe(UUID id, UUID ref, String text, Integer small, Long big, Boolean flag) {
    }

    private static final CallJournal.Columns<Probe> COLUMNS = new CallJournal.Columns<>("journal_probe",
            List.of("id", "ref", "body", "small", "big", "flag"),
            new int[]{Types.OTHER, Types.OTHER, Types.VARCHAR, Types.INTEGER, Types.BIGINT, Types.BOOLEAN},
            p -> Arrays.asList(p.id(), p.ref(), p.text(), p.small(), p.big(), p.flag()));

    @Test
    void sixty_four_concurrent_rows_with_nulls_in_every_nullable_column_are_all_written_as_given() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            db.jdbc().sql("CREATE TABLE journal_probe (id uuid PRIMARY KEY, ref uuid, body text, small integer, big bigint, flag boolean)").update();
            CallJournal<Probe> journal = new CallJournal<>(db.jdbc(), COLUMNS);
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                boolean nulls = i % 2 == 1;
                probes.add(new Probe(UUID.randomUUID(), nulls ? null : UUID.randomUUID(), nulls ? null : "body 'quoted' {\"k\":" + i + "}",
                        nulls ? null : i, nulls ? null : 1L << 40 | i, nulls ? null : i % 4 == 0));
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<?>> done = new ArrayList<>();
                for (Probe p : probes) done.add(pool.submit(() -> journal.record(p)));
                for (Future<?> f : done) f.get();
            }
            for (Probe p : probes) assertWrittenAsGiven(db, p);
            assertThat(db.jdbc().sql("SELECT count(*) FROM journal_probe").query(Long.class).single()).isEqualTo(64);
        }
    }

    @Test
    void the_insert_is_one_text_whatever_the_batch_size_so_the_drivers_statement_cache_can_hit() {
        assertThat(CallJournal.insertSql(COLUMNS)).isEqualTo("INSERT INTO journal_probe (id, ref, body, small, big, flag) "
                + "SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::int4[], ?::int8[], ?::bool[])");
        assertThat(CallJournal.insertOneSql(COLUMNS)).isEqualTo("INSERT INTO journal_probe (id, ref, body, small, big, flag) "
                + "VALUES (?::uuid, ?::uuid, ?::text, ?::int4, ?::int8, ?::bool)");
    }

    @Test
    void a_row_written_alone_inside_a_transaction_keeps_its_nulls_and_its_text() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            db.jdbc().sql("CREATE TABLE journal_probe (id uuid PRIMARY KEY, ref uuid, body text, small integer, big bigint, flag boolean)").update();
            CallJournal<Probe> journal = new CallJournal<>(db.jdbc(), COLUMNS);
            Probe full = new Probe(UUID.randomUUID(), UUID.randomUUID(), "body 'quoted' {\"k\":\"\\\\ \u0dc3\"}", 7, 1L << 40, false);
            Probe nulls = new Probe(UUID.randomUUID(), null, null, null, null, null);
            new org.springframework.transaction.support.TransactionTemplate(
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(db.dataSource())).executeWithoutResult(s -> {
                journal.record(full);
                journal.record(nulls);
            });
            for (Probe p : List.of(full, nulls)) assertWrittenAsGiven(db, p);
        }
    }

    @Test
    void a_value_of_the_wrong_java_type_is_refused_by_name_before_anything_is_sent() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            CallJournal<Probe> journal = new CallJournal<>(db.jdbc(), new CallJournal.Columns<>("journal_probe", COLUMNS.names(),
                    COLUMNS.sqlTypes(), p -> Arrays.asList(p.id(), p.ref(), p.text(), p.big(), p.big(), p.flag())));
            assertThatThrownBy(() -> journal.record(new Probe(UUID.randomUUID(), null, null, 1, 2L, true)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journal_probe.small is Long");
        }
    }

    static void assertWrittenAsGiven(Database db, Probe p) {
        Map<String, Object> row = db.jdbc().sql("SELECT * FROM journal_probe WHERE id = ?").param(p.id()).query().singleRow();
        assertThat(row.get("ref")).isEqualTo(p.ref());
        assertThat(row.get("body")).isEqualTo(p.text());
        assertThat(row.get("small")).isEqualTo(p.small());
        assertThat(row.get("big")).isEqualTo(p.big());
        assertThat(row.get("flag")).isEqualTo(p.flag());
    }
}
