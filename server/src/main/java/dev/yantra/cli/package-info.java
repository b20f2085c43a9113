/**
 * Owns the {@code yantra} command line: the top-level command ({@link dev.yantra.cli.YantraCommand}), where each
 * feature registers its subcommands with one line; the commands that are no feature's own ({@code serve},
 * {@code migrate}, and {@code demo}, which starts the embedded database, a demo wallet, a node, a demo operator with one
 * table and a player session); the {@code --data-dir} / {@code --database-url} option every database command mixes in
 * ({@link dev.yantra.cli.DataDirOption}); and the exit codes ({@link dev.yantra.cli.ExitCodes}), with one clear line on
 * stderr for every failure instead of a stack trace.
 *
 * <p>Each feature's commands live in its own room ({@code dev.yantra.control}, {@code dev.yantra.operator},
 * {@code dev.yantra.reconcile}, {@code dev.yantra.fairness.cli}, ...); commands act on the database directly, no
 * server needed. The demo's scripted scenario is {@code dev.yantra.demo}.
 */
package dev.yantra.cli;
