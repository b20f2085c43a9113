/**
 * Owns the game plugin SPI: what a game must provide ({@link dev.yantra.games.GamePlugin}: config validation,
 * selection parsing, the outcome from the provably-fair RNG, settlement, theoretical RTP, verification) and the
 * registry of installed games ({@link dev.yantra.games.GameRegistry}), with the small helpers plugins share
 * ({@link dev.yantra.games.ConfigReader}, {@link dev.yantra.games.SelectionJson}) and the two refusals
 * ({@link dev.yantra.games.InvalidConfigException}, {@link dev.yantra.games.InvalidSelectionException}).
 *
 * <p>Each game lives in its own sub-package (such as {@code dev.yantra.games.ketapola}) and registers itself in
 * META-INF/services/dev.yantra.games.GamePlugin; this package never imports a game. The RNG and chains are
 * {@code dev.yantra.fairness}; running a game at a table is the server's {@code dev.yantra.round}. No Spring, no
 * JSON library.
 */
package dev.yantra.games;
