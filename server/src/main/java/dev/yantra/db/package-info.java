/**
 * Owns the database connection and the mechanics every room's SQL shares: {@link dev.yantra.db.Database} opens the
 * embedded PostgreSQL of the data directory ({@link dev.yantra.db.EmbeddedPostgresHost}, which adopts a postmaster
 * left running after a crash) or the one DATABASE_URL names ({@link dev.yantra.db.DatabaseUrl}), migrates it with
 * Flyway and hands out a pooled JdbcClient; {@link dev.yantra.db.RowLease} is leadership held on a row, fenced by an
 * epoch; {@link dev.yantra.db.GroupCommit} writes what many threads submit at once in one statement; and
 * {@link dev.yantra.db.PoolWaitMetrics} exports the pool's connection wait.
 *
 * <p>It owns no feature's table: each room owns its tables and its queries (row leases are used by
 * {@code dev.yantra.round} on game_tables and {@code dev.yantra.lottery.draw} on leader_leases, group commit by
 * {@code dev.yantra.counterparty} and {@code dev.yantra.jobs}); the migrations are in the server's resources under
 * db/migration.
 */
package dev.yantra.db;
