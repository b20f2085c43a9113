/**
 * The shared counterparty room: what every outside party we call and that calls us (an operator's wallet, a
 * lottery shop) goes through — a {@link dev.yantra.counterparty.SignatureScheme} per wire dialect, the
 * {@link dev.yantra.counterparty.SignedHttpClient} (signing, timeout, response bound, circuit breaker), and the
 * {@link dev.yantra.counterparty.CallJournal} that writes one row per try into any call table by group commit.
 * Features (wallet, lottery forwarding) own their classification and their table's columns; the mechanics live
 * here once.
 */
package dev.yantra.counterparty;
