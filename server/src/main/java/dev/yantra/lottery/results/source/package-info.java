/**
 * The second way results arrive: a configured results source (a CSV file or an http(s) URL, {@code RESULTS_SOURCE})
 * polled on the draw scheduler's leader, and the operator's one-off {@code yantra lottery result import}. Each line
 * goes through {@code Results.set} (four-eyes, audit, settlement unchanged); a line that disagrees with a stored
 * result is never applied, only counted and kept in {@code results_source_conflicts}. docs/lottery-hub.md,
 * "Results from a source".
 */
package dev.yantra.lottery.results.source;
