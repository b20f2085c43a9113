/**
 * Owns master-key rotation of the secrets at rest: which columns hold text sealed under the master key
 * ({@link dev.yantra.secrets.SealedColumns}), re-sealing all of them under the new key in one transaction and
 * proving nothing is left under any other ({@link dev.yantra.secrets.MasterKeyRotation}), and the
 * {@code yantra secrets status|rotate-master-key} commands. The sealing itself (key ids, AES-256-GCM) is core's
 * {@code dev.yantra.signing.KeyRing}; the keys come from {@code dev.yantra.config.MasterKey}. docs/key-rotation.md.
 */
package dev.yantra.secrets;
