package dev.yantra.evidence;

import dev.yantra.api.Json;
import dev.yantra.audit.AuditChain;
import dev.yantra.signing.KeyRing;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The evidence export as one tarball (docs/evidence-export.md): the database rows of the window
 * ({@link EvidenceExport}, under {@code db/}), the audit chains' rows of the window with their links
 * ({@code audit/<table>.chain.jsonl}) and every chain's verification at export time, the logs of LOG_DIR (or a
 * note that nodes log to stderr and how to fetch them), a {@code pg_dump} when a matching one exists, a metrics
 * snapshot of a node, then {@code manifest.json}, {@code MANIFEST.sha256} over every file, and
 * {@code MANIFEST.sig}: HMAC-SHA256 of MANIFEST.sha256 under a key derived from the master key, so a forger who
 * rewrites files and the manifest still cannot sign it.
 */
public final class EvidenceBundle {
    public static final String SIGNATURE = "MANIFEST.sig";
    public static final String FORMAT = "yantra-evidence-v2";
    /** Bounds: the logs copied (newest first) and one metrics page. */
    static final long MAX_LOG_BYTES = 2L * 1024 * 1024 * 1024;
    static final int MAX_METRICS_BYTES = 16 * 1024 * 1024;
    static final int MAX_CHAIN_ROWS = 1_000_000;

    /** Where the parts come from: LOG_DIR (empty: stderr), the node's metrics URL, the database URL for pg_dump. */
    public record Sources(Optional<Path> logDir, String metricsUrl, String jdbcUrl) {
    }

    public record Written(Path tarball, String tarballSha256, String manifestSha256, Map<String, Object> parts) {
    }

    private final DataSource dataSource;
    private final KeyRing ring;

    public EvidenceBundle(DataSource dataSource, KeyRing ring) {
        this.dataSource = dataSource;
        this.ring = ring;
    }

    public Written export(Instant since, Instant until, Path outDir, Sources sources, String by) {
        try {
            Files.createDirectories(outDir);
            Path staging = Files.createTempDirectory(outDir, ".evidence-");
            try {
                EvidenceExport.Result db = new EvidenceExport(dataSource).export(since, until, staging.resolve("db"), by);
                Map<String, Object> parts = new LinkedHashMap<>();
                parts.put("db", Map.of("files", db.files().size(), "manifestSha256", db.manifestSha256()));
                parts.put("audit", auditChains(since, until, staging.resolve("audit")));
                parts.put("logs", logs(sources.logDir(), since, staging.resolve("logs")));
                parts.put("pgDump", pgDump(sources.jdbcUrl(), staging));
                parts.put("metrics", metrics(sources.metricsUrl(), staging.resolve("metrics.prom")));
                String manifestSha = seal(staging, since, until, by, parts);
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(dev.yantra.config.NodeClock.system().instant());
                Path tarball = outDir.resolve("yantra-evidence-" + stamp + ".tar.gz");
                if (Files.exists(tarball)) throw new IllegalArgumentException(tarball + " exists already: evidence is never written over");
                tar(staging, tarball);
                return new Written(tarball, EvidenceVerify.hashFile(tarball), manifestSha, parts);
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence export into " + outDir, e);
        }
    }

    private Map<String, Object> auditChains(Instant since, Instant until, Path dir) throws IOException {
        Files.createDirectories(dir);
        AuditChain chain = new AuditChain(JdbcClient.create(dataSource));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String table : chain.tables()) {
            AuditChain.Result verified = chain.verify(table);
            List<AuditChain.Link> links = chain.linksCreatedIn(table, since, until, MAX_CHAIN_ROWS);
            try (var w = Files.newBufferedWriter(dir.resolve(table + ".chain.jsonl"), StandardCharsets.UTF_8)) {
                for (AuditChain.Link l : links) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("chain_seq", l.chainSeq());
                    line.put("id", l.id());
                    line.put("prev_hash", l.prevHash());
                    line.put("row_hash", l.rowHash());
                    line.put("chain_text", l.chainText());
                    w.write(Json.write(line));
                    w.write('\n');
                }
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("rowsInWindow", links.size());
            t.put("headHash", verified.headHash());
            t.put("chainIntactAtExport", verified.intact());
            verified.problem().ifPresent(p -> t.put("chainProblemAtExport", p.kind() + ": " + p.message()));
            out.put(table, t);
        }
        return out;
    }

    private static Map<String, Object> logs(Optional<Path> logDir, Instant since, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> out = new LinkedHashMap<>();
        if (logDir.isEmpty()) {
            Files.writeString(dir.resolve("README.txt"), """
                    LOG_DIR was not set where this export ran: Yantra nodes log to stderr, which the container runtime keeps.
                    Fetch the window's logs with (docs/operations.md):
                      kubectl logs -n yantra deployment/rgs-server --all-containers --prefix --since=24h > rgs-server.log
                      kubectl logs -n yantra deployment/lottery-hub --all-containers --prefix --since=24h > lottery-hub.log
                    and record their SHA-256 next to this export's digest.
                    """);
            out.put("source", "stderr: nodes log to stderr (LOG_DIR not set); logs/README.txt gives the kubectl logs lines");
            return out;
        }
        Path src = logDir.get();
        if (!Files.isDirectory(src)) {
            out.put("source", "LOG_DIR " + src + " is not a directory: no logs copied");
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(src)) {
            files = s.filter(Files::isRegularFile).filter(p -> modifiedSince(p, since))
                    .sorted(Comparator.comparing(EvidenceBundle::modified).reversed()).toList();
        }
        long bytes = 0;
        List<String> copied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : files) {
            long size = Files.size(f);
            if (bytes + size > MAX_LOG_BYTES) {
                skipped.add(f.getFileName().toString());
                continue;
            }
            Files.copy(f, dir.resolve(f.getFileName().toString()));
            bytes += size;
            copied.add(f.getFileName().toString());
        }
        out.put("source", "LOG_DIR " + src.toAbsolutePath());
        out.put("files", copied);
        if (!skipped.isEmpty()) out.put("skippedOverSizeBound", skipped);
        return out;
    }

    private static boolean modifiedSince(Path p, Instant since) {
        return !modified(p).toInstant().isBefore(since);
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pgDump(String jdbcUrl, Path staging) {
        int major = JdbcClient.create(dataSource).sql("SELECT current_setting('server_version_num')::int / 10000").query(Integer.class).single();
        return PgDump.dump(jdbcUrl, major, staging.resolve("database.pgdump")).note();
    }

    private static String metrics(String url, Path out) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) return "metrics unavailable: " + url + " answered " + r.statusCode();
            if (r.body().length > MAX_METRICS_BYTES) return "metrics unavailable: " + url + " answered more than " + MAX_METRICS_BYTES + " bytes";
            Files.write(out, r.body());
            return "snapshot of " + url;
        } catch (IOException | IllegalArgumentException e) {
            return "metrics unavailable: " + url + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "metrics unavailable: interrupted";
        }
    }

    /** Writes manifest.json, MANIFEST.sha256 (every file) and MANIFEST.sig; returns the digest of MANIFEST.sha256. */
    private String seal(Path staging, Instant since, Instant until, String by, Map<String, Object> parts) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("since", since.toString());
        manifest.put("until", until.toString());
        manifest.put("generatedAt", dev.yantra.config.NodeClock.system().instant().toString());
        manifest.put("generatedBy", by);
        manifest.put("parts", parts);
        manifest.put("signature", Map.of("file", SIGNATURE, "algorithm", "HMAC-SHA256 over " + EvidenceExport.MANIFEST,
                "masterKeyId", ring.currentId(), "keyDerivation", "HMAC-SHA256(master key, \"" + ManifestSignature.CONTEXT + "\")"));
        Files.writeString(staging.resolve(EvidenceExport.MANIFEST_JSON), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
        StringBuilder sums = new StringBuilder();
        for (Path f : files(staging)) {
            sums.append(EvidenceVerify.hashFile(f)).append("  ").append(staging.relativize(f).toString().replace('\\', '/')).append('\n');
        }
        byte[] sumBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(staging.resolve(EvidenceExport.MANIFEST), sumBytes);
        Files.writeString(staging.resolve(SIGNATURE), ManifestSignature.sign(ring, sumBytes) + "\n");
        return EvidenceExport.sha256(sumBytes);
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void tar(Path staging, Path tarball) throws IOException {
        Path partial = tarball.resolveSibling(tarball.getFileName() + ".partial");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(partial));
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path f : files(staging)) {
                TarArchiveEntry e = new TarArchiveEntry(f.toFile(), staging.relativize(f).toString().replace('\\', '/'));
                tar.putArchiveEntry(e);
                Files.copy(f, tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        Files.move(partial, tarball);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
