package dev.yantra.evidence;

import dev.yantra.api.Json;
import dev.yantra.audit.AuditChain;
import dev.yantra.signing.KeyRing;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.JsonNode;

/**
 * Checks an evidence tarball ({@link EvidenceBundle}): unpacked into a scratch directory (refusing any entry that
 * would land outside it), every file against MANIFEST.sha256 and no file the manifest does not name, the manifest's
 * HMAC signature under the master key, and the links of every audit-chain segment inside it (each row's hash
 * re-computed from its text, each row linking to the one before, no gap in chain_seq).
 */
public final class BundleVerify {
    static final int MAX_ENTRIES = 100_000;

    public record Report(List<String> problems, String manifestSha256) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private BundleVerify() {
    }

    public static Report verify(Path tarball, KeyRing ring) {
        if (!Files.isRegularFile(tarball)) throw new IllegalArgumentException(tarball + " is not a file");
        Path scratch;
        try {
            scratch = Files.createTempDirectory("yantra-evidence-verify");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch directory", e);
        }
        try {
            List<String> problems = new ArrayList<>(unpack(tarball, scratch));
            if (!problems.isEmpty()) return new Report(problems, null);
            Path manifest = scratch.resolve(EvidenceExport.MANIFEST);
            if (!Files.isRegularFile(manifest)) throw new IllegalArgumentException(tarball + " holds no " + EvidenceExport.MANIFEST);
            byte[] sums = Files.readAllBytes(manifest);
            problems.addAll(files(scratch, sums));
            Path sig = scratch.resolve(EvidenceBundle.SIGNATURE);
            if (!Files.isRegularFile(sig)) {
                problems.add(EvidenceBundle.SIGNATURE + ": missing");
            } else {
                ManifestSignature.check(ring, sums, Files.readString(sig)).ifPresent(problems::add);
            }
            Path audit = scratch.resolve("audit");
            if (Files.isDirectory(audit)) {
                for (Path f : EvidenceBundle.files(audit)) problems.addAll(chain(scratch.relativize(f).toString(), f));
            }
            return new Report(List.copyOf(problems), EvidenceExport.sha256(sums));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tarball, e);
        } finally {
            EvidenceBundle.deleteTree(scratch);
        }
    }

    private static List<String> unpack(Path tarball, Path into) throws IOException {
        List<String> problems = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball));
             GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            int n = 0;
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (++n > MAX_ENTRIES) return List.of("more than " + MAX_ENTRIES + " entries: not an export of ours");
                if (e.isDirectory()) continue;
                Path target = into.resolve(e.getName()).normalize();
                if (!e.isFile() || !target.startsWith(into) || e.getName().startsWith("/")) {
                    problems.add(e.getName() + ": refused (not a plain file inside the export)");
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(tar, target);
            }
        } catch (IOException e) {
            return List.of(tarball.getFileName() + ": not a readable tar.gz (" + e.getMessage() + ")");
        }
        return problems;
    }

    private static List<String> files(Path root, byte[] sums) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (String line : new String(sums, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            if (line.indexOf("  ") != 64) {
                problems.add("malformed manifest line: " + line);
                continue;
            }
            String expected = line.substring(0, 64);
            String file = line.substring(66);
            named.add(file);
            Path p = root.resolve(file).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                problems.add(file + ": missing");
                continue;
            }
            String actual = EvidenceVerify.hashFile(p);
            if (!actual.equals(expected)) problems.add(file + ": SHA-256 " + actual + " differs from the manifest's " + expected);
        }
        for (Path f : EvidenceBundle.files(root)) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (!rel.equals(EvidenceExport.MANIFEST) && !rel.equals(EvidenceBundle.SIGNATURE) && !named.contains(rel)) {
                problems.add(rel + ": not in the manifest");
            }
        }
        return problems;
    }

    /** The segment's rows must each hash to their row_hash and link to the row before; the first row's prev_hash is its anchor. */
    private static List<String> chain(String name, Path file) throws IOException {
        Long seq = null;
        String prev = null;
        String prevId = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode row = Json.parse(line);
            long s = row.path("chain_seq").asLong();
            String id = row.path("id").asString();
            String prevHash = row.path("prev_hash").asString();
            if (seq != null && s != seq + 1) {
                return List.of(name + ": chain_seq " + (seq + 1) + (s - 1 > seq + 1 ? ".." + (s - 1) : "") + " missing between id " + prevId
                        + " and id " + id + " (deleted before the export)");
            }
            if (prev != null && !prev.equals(prevHash)) return List.of(name + ": row id " + prevId + " edited (row id " + id + " no longer links to it)");
            if (!AuditChain.hash(prevHash, row.path("chain_text").asString()).equals(row.path("row_hash").asString())) {
                return List.of(name + ": row id " + id + " (chain_seq " + s + ") edited: its content no longer matches its hash");
            }
            seq = s;
            prev = row.path("row_hash").asString();
            prevId = id;
        }
        return List.of();
    }
}
