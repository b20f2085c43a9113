/**
 * Owns support's view of a bet: {@link dev.yantra.ops.support.BetLookup} assembles one timeline (the bet row, every
 * wallet call made for it with status and latency, its jobs, its round and the proof link), found by bet id or by any of
 * its transaction uuids, and {@link dev.yantra.ops.support.BetCommand} prints it as {@code yantra bet show} or lists a
 * player's bets with {@code yantra bet list}.
 *
 * <p>It only reads: bets and rounds are {@code dev.yantra.round}'s, wallet calls {@code dev.yantra.wallet}'s and wallet
 * jobs {@code dev.yantra.walletjobs}'; acting on a stuck job is {@code yantra jobs} ({@code dev.yantra.app.JobsCommand}).
 */
package dev.yantra.ops.support;
