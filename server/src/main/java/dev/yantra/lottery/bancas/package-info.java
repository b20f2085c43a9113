/**
 * Owns the lottery shops (bancas) we forward plays to: the bancas table and its lifecycle (pending, active,
 * rejected, suspended), their HMAC secrets with staged rotation (banca_credentials), the admin API under
 * /v1/admin/bancas and the {@code yantra banca} CLI. Every change is audited. Other features read a banca's
 * endpoint and signing key through {@link dev.yantra.lottery.bancas.Bancas} and
 * {@link dev.yantra.lottery.bancas.BancaCredentials}; nothing else writes these tables.
 */
package dev.yantra.lottery.bancas;
