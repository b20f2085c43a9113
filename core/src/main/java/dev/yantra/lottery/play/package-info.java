/**
 * A play's life: its internal states ({@link dev.yantra.lottery.play.PlayState}, shown to clients as five
 * lowercase statuses) and the one table of moves between them ({@link dev.yantra.lottery.play.PlayTransitions}),
 * which the server applies as {@code UPDATE plays SET status = :to WHERE id = :id AND status = :from} so two
 * racing writers cannot both move a play.
 */
package dev.yantra.lottery.play;
