/**
 * Owns player sessions, the game_sessions table: the operator's session endpoints ({@link
 * dev.yantra.session.SessionController}: create, idempotently; read; terminate), and
 * {@link dev.yantra.session.SessionStore}, which creates, reads and terminates a session and authenticates the
 * player endpoints by the session's bearer token, of which only a SHA-256 is stored. A new session shows the
 * server seed hash announced for its table, asked of a {@link dev.yantra.session.SeedHashSource} (the table engine
 * in {@code dev.yantra.round} provides it; {@link dev.yantra.session.DefaultSeedHashSource} answers none without one).
 *
 * <p>It does not authenticate the operator: requests arrive already verified by {@code dev.yantra.signing}. What a
 * player does inside a session is {@code dev.yantra.play}.
 */
package dev.yantra.session;
