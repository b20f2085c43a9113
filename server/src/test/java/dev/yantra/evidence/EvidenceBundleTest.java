package dev.yantra.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.db.Database;
import dev.yantra.signing.KeyRing;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.Yantra;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** yantra evidence export --out / verify --file: one signed tarball, checked file by file, by signature and by audit chain. */
class EvidenceBundleTest {
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final KeyRing RING = KeyRing.of(Base64.getDecoder().decode(KEY));

    @TempDir Path tmp;
    Database db;
    String url;
    HttpServer metrics;

    @BeforeEach
    void seed() throws IOException {
        url = TestPostgres.freshDatabaseUrl();
        db = Database.open(dev.yantra.config.YantraEnv.from(Map.of("DATABASE_URL", url, "YANTRA_MASTER_KEY", KEY)), "bundle-test", 2, null);
        AdminAudit audit = new AdminAudit(db.jdbc());
        for (int i = 0; i < 4; i++) audit.record("cli:ops", "banca.suspend", "banca:" + i, "active", "suspended", "reason " + i);
        metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/metrics", x -> {
            byte[] body = "yantra_bets_total 42\n".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        });
        metrics.start();
    }

    @AfterEach
    void close() {
        metrics.stop(0);
        db.close();
    }

    Map<String, String> env(Path logDir) {
        Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", url, "YANTRA_MASTER_KEY", KEY));
        if (logDir != null) env.put("LOG_DIR", logDir.toString());
        return env;
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics";
    }

    /** {@code yantra evidence export} in this JVM with the SRE's environment (a JVM start per command costs seconds). */
    Path export(Path logDir) {
        return exported(Yantra.inProcess(env(logDir), null, exportArgs()));
    }

    /** The same as the launcher's own process, as an SRE runs it. */
    Path exportProcess(Path logDir) {
        return exported(Yantra.process(env(logDir), exportArgs()));
    }

    String[] exportArgs() {
        return new String[]{"evidence", "export", "--since", "24h", "--out", tmp.resolve("out").toString(), "--metrics-url", metricsUrl()};
    }

    Path exported(Yantra.Run r) {
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, byte[]> entries(Path tarball) throws IOException {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        try (InputStream in = Files.newInputStream(tarball); TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) out.put(e.getName(), tar.readAllBytes());
        }
        return out;
    }

    static Path repack(Map<String, byte[]> entries, Path to) throws IOException {
        try (OutputStream o = Files.newOutputStream(to); TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(o))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return to;
    }

    @Test
    void an_export_is_one_tarball_with_logs_audit_chain_metrics_and_a_signed_manifest_and_it_verifies() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("node-1.log"), "2026-12-02T03:00:00Z INFO a bet\n");
        Path tarball = exportProcess(logs);
        Map<String, byte[]> in = entries(tarball);
        assertThat(in).containsKeys("db/admin_audit_log.csv", "db/MANIFEST.sha256", "audit/admin_audit_log.chain.jsonl",
                "audit/operator_config_audit_log.chain.jsonl", "logs/node-1.log", "metrics.prom", "manifest.json", "MANIFEST.sha256", "MANIFEST.sig");
        assertThat(new String(in.get("metrics.prom"), StandardCharsets.UTF_8)).contains("yantra_bets_total 42");
        assertThat(new String(in.get("audit/admin_audit_log.chain.jsonl"), StandardCharsets.UTF_8).lines()).hasSize(4);
        JsonNode parts = Json.parse(new String(in.get("manifest.json"), StandardCharsets.UTF_8)).path("parts");
        assertThat(parts.path("logs").path("source").asString()).startsWith("LOG_DIR");
        assertThat(parts.path("audit").path("admin_audit_log").path("chainIntactAtExport").asBoolean()).isTrue();
        assertThat(new String(in.get("MANIFEST.sig"), StandardCharsets.UTF_8)).startsWith("hmac-sha256 " + RING.currentId() + " ");
        // the dump is made only by a pg_dump of the server's major version; otherwise the manifest says why there is none
        int serverMajor = db.jdbc().sql("SELECT current_setting('server_version_num')::int / 10000").query(Integer.class).single();
        String pgDump = parts.path("pgDump").asString();
        if (pgDump.startsWith("pg_dump " + serverMajor)) {
            assertThat(in).containsKey("database.pgdump");
        } else {
            assertThat(in).doesNotContainKey("database.pgdump");
            assertThat(pgDump).startsWith("pg_dump unavailable");
        }

        Yantra.Run ok = Yantra.inProcess(env(null), null, "evidence", "verify", "--file", tarball.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("intact");
    }

    @Test
    void without_log_dir_the_export_says_nodes_log_to_stderr_and_how_to_fetch_their_logs() throws Exception {
        Map<String, byte[]> in = entries(export(null));
        assertThat(new String(in.get("logs/README.txt"), StandardCharsets.UTF_8)).contains("kubectl logs -n yantra deployment/rgs-server");
        assertThat(Json.parse(new String(in.get("manifest.json"), StandardCharsets.UTF_8)).path("parts").path("logs").path("source").asString())
                .startsWith("stderr");
    }

    @Test
    void a_changed_file_an_added_file_or_another_master_key_fails_verification() throws Exception {
        Path tarball = export(null);
        Map<String, byte[]> in = entries(tarball);

        Map<String, byte[]> edited = new java.util.TreeMap<>(in);
        edited.put("db/admin_audit_log.csv", (new String(in.get("db/admin_audit_log.csv"), StandardCharsets.UTF_8) + "forged\r\n").getBytes(StandardCharsets.UTF_8));
        BundleVerify.Report r = BundleVerify.verify(repack(edited, tmp.resolve("edited.tar.gz")), RING);
        assertThat(r.problems()).anyMatch(p -> p.startsWith("db/admin_audit_log.csv: SHA-256"));

        Map<String, byte[]> added = new java.util.TreeMap<>(in);
        added.put("extra.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(BundleVerify.verify(repack(added, tmp.resolve("added.tar.gz")), RING).problems()).containsExactly("extra.txt: not in the manifest");

        byte[] other = new byte[32];
        other[0] = 9;
        assertThat(BundleVerify.verify(tarball, KeyRing.of(other)).problems()).singleElement().asString()
                .contains("signed under master key " + RING.currentId());
        Yantra.Run cli = Yantra.process(env(null), "evidence", "verify", "--file", tmp.resolve("edited.tar.gz").toString());
        assertThat(cli.exit()).isEqualTo(1);
    }

    @Test
    void a_forger_holding_the_key_who_rewrites_an_audit_row_and_re_signs_is_still_caught_by_the_chain() throws Exception {
        Map<String, byte[]> in = new java.util.TreeMap<>(entries(export(null)));
        List<String> lines = new String(in.get("audit/admin_audit_log.chain.jsonl"), StandardCharsets.UTF_8).lines().toList();
        JsonNode second = Json.parse(lines.get(1));
        String forged = lines.get(1).replace("reason 1", "nothing happened");
        assertThat(forged).isNotEqualTo(lines.get(1));
        in.put("audit/admin_audit_log.chain.jsonl", (String.join("\n", lines.get(0), forged, lines.get(2), lines.get(3)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        // re-make the manifest and its signature, as someone with the master key could
        Path dir = Files.createDirectories(tmp.resolve("resign"));
        StringBuilder sums = new StringBuilder();
        for (Map.Entry<String, byte[]> e : in.entrySet()) {
            if (e.getKey().equals("MANIFEST.sha256") || e.getKey().equals("MANIFEST.sig")) continue;
            sums.append(EvidenceExport.sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
        }
        byte[] sumBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
        in.put("MANIFEST.sha256", sumBytes);
        in.put("MANIFEST.sig", (ManifestSignature.sign(RING, sumBytes) + "\n").getBytes(StandardCharsets.UTF_8));
        BundleVerify.Report r = BundleVerify.verify(repack(in, dir.resolve("forged.tar.gz")), RING);
        assertThat(r.problems()).containsExactly("audit/admin_audit_log.chain.jsonl: row id " + second.path("id").asString()
                + " (chain_seq " + second.path("chain_seq").asLong() + ") edited: its content no longer matches its hash");
    }
}
