/**
 * Owns the casino operators and their keys: the operators table ({@link dev.yantra.operator.Operators}: create, list,
 * find, update, every field validated and every change audited) and operator_credentials
 * ({@link dev.yantra.operator.CredentialStore}: issuing, rotating with an overlap window and revoking inbound API keys
 * and outbound wallet keys, secrets sealed at rest and never cached, so a revocation holds on every node with the next
 * request). The CLI for both is {@link dev.yantra.operator.OperatorCommand} and
 * {@link dev.yantra.operator.CredentialCommand}, the admin API over them {@link dev.yantra.operator.AdminController}
 * (mirroring the CLI); {@link dev.yantra.operator.IpAllowList} parses an operator's allowed
 * source addresses.
 *
 * <p>It does not check requests: using the credentials to authenticate a call is {@code dev.yantra.inbound}. An operator's game configuration is
 * {@code dev.yantra.gameconfig}.
 */
package dev.yantra.operator;
