package dev.yantra.chaos;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the harness adds to its own scratch database to see what no row keeps: a second completion of a job that
 * was already completed overwrites the first one's columns, so a trigger copies every such write into
 * {@code chaos_repeated_completions} before it lands. The product's code never writes a completed job again (its
 * completions are guarded by {@code completed_at IS NULL}), so in a correct build this table stays empty.
 * Installed idempotently; never part of the product's migrations.
 */
final class Observers {
    private Observers() {
    }

    static void install(JdbcClient jdbc) {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS chaos_repeated_completions (
                  job_id           uuid NOT NULL,
                  first_completed  timestamptz NOT NULL,
                  first_by         text,
                  again_completed  timestamptz,
                  again_by         text,
                  observed_at      timestamptz NOT NULL DEFAULT clock_timestamp())""").update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION chaos_observe_completion() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF OLD.completed_at IS NOT NULL AND NEW.completed_at IS NOT NULL
                     AND (NEW.completed_at IS DISTINCT FROM OLD.completed_at OR NEW.completed_by IS DISTINCT FROM OLD.completed_by) THEN
                    INSERT INTO chaos_repeated_completions (job_id, first_completed, first_by, again_completed, again_by)
                    VALUES (OLD.id, OLD.completed_at, OLD.completed_by, NEW.completed_at, NEW.completed_by);
                  END IF;
                  RETURN NEW;
                END $$""").update();
        jdbc.sql("DROP TRIGGER IF EXISTS chaos_observe_completion ON pending_wallet_jobs").update();
        jdbc.sql("""
                CREATE TRIGGER chaos_observe_completion BEFORE UPDATE ON pending_wallet_jobs
                FOR EACH ROW EXECUTE FUNCTION chaos_observe_completion()""").update();
    }
}
