package dev.yantra.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-checks an export: every line of MANIFEST.sha256 against its file, and no file in the directory that the
 * manifest does not name. Returns the problems (empty: intact) and the manifest's own digest, to compare with the
 * one recorded when the export was made.
 */
public final class EvidenceVerify {
    public record Report(List<String> problems, String manifestSha256) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private EvidenceVerify() {
    }

    public static Report verify(Path dir) {
        Path manifest = dir.resolve(EvidenceExport.MANIFEST);
        if (!Files.isRegularFile(manifest)) throw new IllegalArgumentException(dir + " has no " + EvidenceExport.MANIFEST);
        List<String> problems = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        try {
            byte[] bytes = Files.readAllBytes(manifest);
            for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                int sep = line.indexOf("  ");
                if (sep != 64) {
                    problems.add("malformed manifest line: " + line);
                    continue;
                }
                String expected = line.substring(0, sep);
                String file = line.substring(sep + 2);
                named.add(file);
                Path p = dir.resolve(file).normalize();
                if (!p.getParent().equals(dir.normalize()) || !Files.isRegularFile(p)) {
                    problems.add(file + ": missing");
                    continue;
                }
                String actual = hash(p);
                if (!actual.equals(expected)) problems.add(file + ": SHA-256 " + actual + " differs from the manifest's " + expected);
            }
            try (var entries = Files.list(dir)) {
                entries.map(p -> p.getFileName().toString())
                        .filter(n -> !n.equals(EvidenceExport.MANIFEST) && !named.contains(n))
                        .sorted().forEach(n -> problems.add(n + ": not in the manifest"));
            }
            return new Report(List.copyOf(problems), EvidenceExport.sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** hex SHA-256 of a file's bytes. */
    static String hashFile(Path p) {
        try {
            return hash(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static String hash(Path p) throws IOException {
        MessageDigest d = EvidenceExport.sha256();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
