/**
 * When a lottery draws: a weekly timetable (each weekday its list of local draw times) or a draw every N
 * minutes, in the lottery's time zone, and when sales close before each draw
 * ({@link dev.yantra.lottery.schedule.DrawSchedule}). Pure functions of the schedule and the instants asked
 * about; the server's scheduler creates the draws.
 */
package dev.yantra.lottery.schedule;
