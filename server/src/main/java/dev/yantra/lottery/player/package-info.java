/**
 * Lottery players: accounts keyed by an E.164 phone (players), authentication (register, login, rotating refresh
 * tokens, password reset by a one-time code through a {@link dev.yantra.lottery.player.Notifier}), the bearer-JWT
 * filter of the player API that yields a {@link dev.yantra.lottery.player.PlayerPrincipal}, and the limits a player
 * sets on themself ({@link dev.yantra.lottery.player.PlayerLimits}). The wallet is in {@code lottery.ledger}.
 *
 * <p>Passwords are hashed with BCrypt from spring-security-crypto: a maintained, slow, salted hash with no native
 * code or extra dependency (its Argon2 needs BouncyCastle). BCrypt reads at most 72 bytes, so longer passwords
 * are refused rather than silently truncated. Access tokens are HS256 JWTs (nimbus-jose-jwt) so clients of the
 * system we replace keep working; refresh tokens are opaque random strings, not JWTs, stored only as SHA-256.
 */
package dev.yantra.lottery.player;
