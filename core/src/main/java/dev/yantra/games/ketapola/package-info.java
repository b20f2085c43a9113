/**
 * Owns Ketapola Dice (game code {@code ketapola-dice}, bet LOW or HIGH for an even-money win minus commission):
 * its validated table config ({@link dev.yantra.games.ketapola.KetapolaConfig}, which refuses a config whose RTP
 * exceeds its maximum) and the plugin ({@link dev.yantra.games.ketapola.KetapolaDicePlugin}: selection parsing,
 * outcome, settlement and theoretical RTP).
 *
 * <p>The outcome function, the dice sides and the payout arithmetic themselves are {@code dev.yantra.fairness}
 * (ketapola-rng-v1, {@code Side}, {@code Payouts}), shared with the RTP simulator; the plugin contract is
 * {@code dev.yantra.games}.
 */
package dev.yantra.games.ketapola;
