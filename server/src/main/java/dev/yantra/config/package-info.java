/**
 * Owns the node's configuration: {@link dev.yantra.config.YantraEnv} reads and validates every environment variable
 * once, so a bad value fails at start-up with a message naming it (docs/configuration.md lists them);
 * {@link dev.yantra.config.Surfaces} says whether a node serves the RGS, the lottery hub or both; and the two keys a
 * node needs, {@link dev.yantra.config.MasterKey} (secrets at rest) and {@link dev.yantra.config.JwtSecret} (the
 * lottery's player tokens), each generated once into the data directory with the embedded database and required from
 * the environment with an external one (the JWT key only by a node that serves the lottery). It also holds the failures every command and endpoint shares
 * ({@link dev.yantra.config.UsageException}, {@link dev.yantra.config.NotFoundException},
 * {@link dev.yantra.config.UnavailableException}), each mapped to one exit code of the CLI.
 *
 * <p>Settings changed at runtime without a restart are not here but in {@code dev.yantra.control}; the database
 * connection is {@code dev.yantra.db}.
 */
package dev.yantra.config;
