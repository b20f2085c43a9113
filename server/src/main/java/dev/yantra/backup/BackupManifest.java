package dev.yantra.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a backup file is supposed to contain, written beside it as {@code FILE.manifest.json}: the file's SHA-256 and
 * size (a corrupted or truncated copy is refused before anything is restored), the server and pg_dump versions, the
 * schema version, and the census (row counts, money totals) taken in the very snapshot pg_dump dumped.
 */
record BackupManifest(String format, String file, String sha256, long bytes, String createdAt, String serverVersion,
                      String pgDumpVersion, String schemaVersion, DatabaseCensus census) {

    static final String FORMAT = "yantra-backup/1";
    static final String SUFFIX = ".manifest.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The manifest of a backup file: beside the file the name (or a {@code latest} link) resolves to. */
    static Path pathFor(Path backupFile) throws IOException {
        Path real = backupFile.toRealPath();
        return real.resolveSibling(real.getFileName() + SUFFIX);
    }

    void write(Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(this) + "\n");
        Files.move(tmp, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static BackupManifest read(Path from) throws IOException {
        try {
            BackupManifest m = JSON.readValue(Files.readString(from), BackupManifest.class);
            if (!FORMAT.equals(m.format())) throw new IOException(from + " is not a " + FORMAT + " manifest (format " + m.format() + ")");
            return m;
        } catch (JacksonException e) {
            throw new IOException(from + " is not a readable backup manifest: " + e.getOriginalMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Null when {@code file} is the one this manifest describes; otherwise why it is not. */
    String mismatchOf(Path file) throws IOException {
        long size = Files.size(file);
        if (size != bytes) return file + " has " + size + " bytes, the manifest says " + bytes + " (truncated or replaced)";
        String actual = sha256(file);
        if (!actual.equals(sha256)) return file + " has SHA-256 " + actual + ", the manifest says " + sha256 + " (corrupted)";
        return null;
    }
}
