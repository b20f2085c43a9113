/**
 * Owns backup and verified restore: {@code yantra backup} (pg_dump custom format, compressed, with a SHA-256 manifest
 * of row counts and money totals taken in the dump's own snapshot, a timestamped file, a {@code latest} link and
 * retention by count and age), {@code yantra backup verify F} (restores into a scratch database and compares with
 * the manifest) and {@code yantra restore --file F --confirm}. The PostgreSQL client tools used are the ones whose
 * major matches the server's. docs/operations.md, "Backup and restore".
 */
package dev.yantra.backup;
