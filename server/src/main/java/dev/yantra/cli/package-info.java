/**
 * Owns what every {@code yantra} subcommand shares: the {@code --data-dir} / {@code --database-url} option every
 * database command mixes in ({@link dev.yantra.cli.DataDirOption}), the exit codes ({@link dev.yantra.cli.ExitCodes})
 * with one clear line on stderr for every failure instead of a stack trace ({@link dev.yantra.cli.CliErrors}), secrets
 * read from stdin ({@link dev.yantra.cli.SecretStdin}), the aligned table every listing prints
 * ({@link dev.yantra.cli.Table}), the admin exchange behind each test double's {@code faults} command
 * ({@link dev.yantra.cli.FaultsAdmin}) and the foreground run of its {@code serve} command
 * ({@link dev.yantra.cli.Serving}), and {@code migrate}, which is no feature's own.
 *
 * <p>It imports no feature: each feature's commands live in its own room ({@code dev.yantra.control},
 * {@code dev.yantra.operator}, {@code dev.yantra.reconcile}, {@code dev.yantra.fairness.cli}, ...) and are listed in
 * {@code dev.yantra.app}; commands act on the database directly, no server needed.
 */
package dev.yantra.cli;
