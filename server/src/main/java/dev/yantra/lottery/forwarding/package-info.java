/**
 * Owns forwarding plays to bancas: one durable job per paid play on pending_banca_jobs, worked by the shared
 * jobs.PendingJobRunner; the signed banca client (counterparty.SignedHttpClient in the banca dialect, every try
 * one banca_calls row, one circuit breaker per banca); reading each answer with the core's BancaClassification;
 * the status check after a 202; and the draw's fail-safe sweep. Play state changes go through lottery.plays.
 */
package dev.yantra.lottery.forwarding;
