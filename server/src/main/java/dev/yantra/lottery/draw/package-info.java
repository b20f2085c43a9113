/**
 * Draws of the catalog's lotteries (table {@code draws}, history in {@code draw_transitions}): generated ahead
 * from each lottery's schedule and moved SCHEDULED → OPEN → CLOSED by the one node that holds the
 * draw-scheduler lease ({@link dev.yantra.lottery.draw.DrawScheduler}); cancelled by an admin. {@link
 * dev.yantra.lottery.draw.DrawDirectory} reads draws for the plays code; {@link
 * dev.yantra.lottery.draw.DrawStore} is the one place that writes them. Also the public catalog and draw
 * endpoints under {@code /api/v1/lotteries}.
 */
package dev.yantra.lottery.draw;
