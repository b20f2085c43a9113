package dev.yantra.evidence;

import dev.yantra.api.Json;
import dev.yantra.config.NodeClock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an evidence export: every {@link EvidenceSources} file as CSV (RFC 4180, a header row, NULL as an empty
 * field, text as PostgreSQL prints it), read in one REPEATABLE READ, read-only transaction so all files are the
 * same snapshot of the database; then {@code manifest.json} (window, when, by whom, rows and SHA-256 per file) and
 * {@code MANIFEST.sha256} ({@code sha256sum -c} format, covering every file and manifest.json). The digest of
 * MANIFEST.sha256 is returned: recorded somewhere else (the incident ticket), it makes any later change to any
 * file detectable.
 */
public final class EvidenceExport {
    public static final String MANIFEST = "MANIFEST.sha256";
    public static final String MANIFEST_JSON = "manifest.json";

    public record FileEntry(String file, String description, long rows, String sha256) {
    }

    public record Result(Path dir, List<FileEntry> files, String manifestSha256) {
    }

    private final DataSource dataSource;

    public EvidenceExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param dir must not exist or be empty (evidence is never written over other files) */
    public Result export(Instant since, Instant until, Path dir, String by) {
        if (!since.isBefore(until)) throw new IllegalArgumentException("--since must be before --until");
        prepare(dir);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        tx.setReadOnly(true);
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(1000);   // stream big tables instead of holding them in memory (inside a transaction)
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(template);
        MapSqlParameterSource window = new MapSqlParameterSource()
                .addValue("since", Timestamp.from(since)).addValue("until", Timestamp.from(until));
        Instant at = NodeClock.system().instant();
        List<FileEntry> files = Objects.requireNonNull(tx.execute(s -> {
            List<FileEntry> out = new ArrayList<>();
            for (EvidenceSources.Source source : EvidenceSources.ALL) out.add(write(named, window, source, dir));
            return out;
        }));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "yantra-evidence-v1");
        manifest.put("since", since.toString());
        manifest.put("until", until.toString());
        manifest.put("generatedAt", at.toString());
        manifest.put("generatedBy", by);
        manifest.put("snapshot", "all files read in one REPEATABLE READ transaction");
        manifest.put("files", files.stream().map(f -> Map.of("file", f.file(), "description", f.description(),
                "rows", f.rows(), "sha256", f.sha256())).toList());
        String manifestJson = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n";
        byte[] manifestBytes = manifestJson.getBytes(StandardCharsets.UTF_8);
        StringBuilder sums = new StringBuilder();
        for (FileEntry f : files) sums.append(f.sha256()).append("  ").append(f.file()).append('\n');
        sums.append(sha256(manifestBytes)).append("  ").append(MANIFEST_JSON).append('\n');
        byte[] sumBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(dir.resolve(MANIFEST_JSON), manifestBytes);
            Files.write(dir.resolve(MANIFEST), sumBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest into " + dir, e);
        }
        return new Result(dir, files, sha256(sumBytes));
    }

    private static void prepare(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a directory");
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(dir + " is not empty: evidence is written into an empty or new directory only");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static FileEntry write(NamedParameterJdbcTemplate named, MapSqlParameterSource window, EvidenceSources.Source source, Path dir) {
        MessageDigest digest = sha256();
        long[] rows = {0};
        try (OutputStream raw = Files.newOutputStream(dir.resolve(source.file()));
             DigestOutputStream hashed = new DigestOutputStream(raw, digest);
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(hashed, StandardCharsets.UTF_8))) {
            boolean[] header = {false};
            named.query(source.sql(), window, rs -> {
                try {
                    ResultSetMetaData md = rs.getMetaData();
                    if (!header[0]) {
                        writeHeader(w, md);
                        header[0] = true;
                    }
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        if (c > 1) w.write(',');
                        w.write(csv(rs.getString(c)));
                    }
                    w.write("\r\n");
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!header[0]) {
                // no rows: still say which columns the file would have had
                named.query("SELECT * FROM (" + source.sql() + ") q LIMIT 0", window, (org.springframework.jdbc.core.ResultSetExtractor<Void>) rs -> {
                    try {
                        writeHeader(w, rs.getMetaData());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + source.file(), e);
        }
        return new FileEntry(source.file(), source.description(), rows[0], HexFormat.of().formatHex(digest.digest()));
    }

    private static void writeHeader(BufferedWriter w, ResultSetMetaData md) throws IOException {
        try {
            for (int c = 1; c <= md.getColumnCount(); c++) {
                if (c > 1) w.write(',');
                w.write(csv(md.getColumnLabel(c)));
            }
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
        }
        w.write("\r\n");
    }

    /** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled; null is an empty field. */
    static String csv(String v) {
        if (v == null) return "";
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}
