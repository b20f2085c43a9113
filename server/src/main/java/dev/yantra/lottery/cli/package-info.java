/**
 * The {@code yantra lottery} command group. It only groups: each lottery feature writes its own subcommands
 * (list, draws, draw cancel here; reconcile and results from their features) and adds them with one line.
 */
package dev.yantra.lottery.cli;
