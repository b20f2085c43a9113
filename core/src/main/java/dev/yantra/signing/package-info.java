/**
 * Owns the two wire signatures and secrets at rest, as plain Java so a contract can be checked without a server:
 * {@link dev.yantra.signing.RequestSigner} is the operator signature (operators sign their requests to us, we sign
 * our calls to their wallet; docs/integration-guide.md), {@link dev.yantra.signing.BancaSignature} the one lottery
 * shops and Yantra put on every call between them (docs/banca-integration-guide.md), and
 * {@link dev.yantra.signing.SecretBox} seals credential secrets under the master key, bound to their row.
 *
 * <p>It does not decide who may call: checking an operator's request against the stored credentials is the server's
 * {@code dev.yantra.signing}, checking a banca's webhook is {@code dev.yantra.lottery.webhook}, and signing our
 * outbound calls is done through {@code dev.yantra.counterparty}.
 */
package dev.yantra.signing;
