package dev.yantra.backup;

/**
 * A backup, restore or verify that found a problem with the file or the target and did nothing: a corrupted or
 * unreadable backup, a restored copy that differs from its manifest, a non-empty database without --force.
 * The commands exit 1 with its message.
 */
final class BackupRefused extends RuntimeException {
    BackupRefused(String message) {
        super(message);
    }
}
