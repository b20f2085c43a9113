package dev.yantra.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A backup file checked against its manifest before anything else happens: present, the size and SHA-256 the
 * manifest records, and readable by pg_restore. A file that fails any of these is refused and nothing is touched.
 */
record BackupFile(Path file, BackupManifest manifest) {

    static BackupFile checked(Path file) {
        if (!Files.isRegularFile(file)) throw new BackupRefused("no backup file " + file);
        try {
            Path manifestPath = BackupManifest.pathFor(file);
            if (!Files.exists(manifestPath)) {
                throw new BackupRefused("no manifest " + manifestPath + " beside " + file + ": cannot tell whether it is intact");
            }
            BackupManifest manifest = BackupManifest.read(manifestPath);
            String mismatch = manifest.mismatchOf(file.toRealPath());
            if (mismatch != null) throw new BackupRefused(mismatch);
            return new BackupFile(file.toRealPath(), manifest);
        } catch (IOException e) {
            throw new BackupRefused("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** pg_restore reads the archive's table of contents; a damaged archive fails here, before any database is touched. */
    void requireReadableBy(PgClientTools tools, PgTarget target) {
        try {
            tools.restore(target, java.util.List.of("--list", file.toString()));
        } catch (PgClientTools.ToolFailedException e) {
            throw new BackupRefused(file + " is not a readable pg_dump archive: " + e.getMessage());
        }
    }
}
