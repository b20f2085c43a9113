/**
 * The shared counterparty room: what every outside party we call and that calls us (an operator's wallet, a
 * lottery shop) goes through — a {@link dev.yantra.counterparty.SignatureScheme} per wire dialect, the
 * {@link dev.yantra.counterparty.SignedHttpClient} (signing, timeout, response bound, circuit breaker), and the
 * {@link dev.yantra.counterparty.CallJournal} that writes one row per try into any call table by group commit,
 * the staged rotation of the secrets we share with them ({@link dev.yantra.counterparty.StagedCredentials}) and the
 * count of our calls they refused for their signature ({@link dev.yantra.counterparty.SignatureRejectedByCounterparty}).
 * Features (wallet, lottery forwarding) own their classification and their table's columns; the mechanics live
 * here once.
 */
package dev.yantra.counterparty;
