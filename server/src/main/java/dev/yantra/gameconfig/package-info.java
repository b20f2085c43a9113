/**
 * Owns the lifecycle of an operator's game configuration, the operator_game_configs table:
 * {@link dev.yantra.gameconfig.GameConfigStore} shows, sets, lists the history of and reverts a config, every change
 * validated by the game's plugin and audited, one row per changed field, by the table's trigger, which also bumps the
 * version a round records. {@link dev.yantra.gameconfig.ConfigCommand} is {@code yantra config}; the admin API comes
 * through the same store from {@code dev.yantra.control}.
 *
 * <p>What a key means is the game plugin's ({@code dev.yantra.games}) or, for the engine's own keys, the table
 * engine's ({@code dev.yantra.round.TableConfig}); a change reaches a table at its next round.
 */
package dev.yantra.gameconfig;
