/**
 * Owns the provably-fair math and nothing else: the ketapola-rng-v1 outcome function
 * ({@link dev.yantra.fairness.KetapolaRng}), per-table hash chains and their public commitments
 * ({@link dev.yantra.fairness.HashChain}, {@link dev.yantra.fairness.ChainCommitment}), the proof a player checks a
 * settled round with ({@link dev.yantra.fairness.RoundProof}), the encryption of unrevealed seeds at rest
 * ({@link dev.yantra.fairness.SeedCipher}), the settlement arithmetic ({@link dev.yantra.fairness.Payouts}), the
 * test-vector self-test ({@link dev.yantra.fairness.TestVectors}), the RTP simulator and its benchmark
 * ({@link dev.yantra.fairness.RtpSimulator}, {@link dev.yantra.fairness.RtpBench}; see
 * docs/playbooks/rtp-regression.md), and the certification attestation check of cert/ATTEST
 * ({@link dev.yantra.fairness.CertAttestation}).
 *
 * <p>No Spring and no I/O besides reading the fixtures and cert/ATTEST: the server wires it in. Storing chains and
 * running rounds is {@code dev.yantra.round}, a game's rules are {@code dev.yantra.games} and its sub-packages, and
 * publishing commitments and proofs is the server's {@code dev.yantra.fairness.web}.
 */
package dev.yantra.fairness;
