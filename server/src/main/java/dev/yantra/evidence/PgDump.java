package dev.yantra.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the platform's {@code pg_dump} (custom format) against the database, but only one whose major version
 * matches the server's: an older pg_dump refuses a newer server, and a dump is no evidence if it cannot be made
 * honestly. Every refusal is a sentence for the manifest ("pg_dump unavailable: ...") instead of a failure of
 * the whole export.
 */
final class PgDump {
    static final long TIMEOUT_MINUTES = 30;
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    /** What happened: the dump file, or why there is none. */
    record Outcome(Optional<Path> file, String note) {
    }

    private PgDump() {
    }

    static Outcome dump(String jdbcUrl, int serverMajor, Path out) {
        Optional<String> version = version();
        if (version.isEmpty()) return new Outcome(Optional.empty(), "pg_dump unavailable: no pg_dump on PATH");
        Matcher m = VERSION.matcher(version.get());
        if (!m.find()) return new Outcome(Optional.empty(), "pg_dump unavailable: cannot read its version from '" + version.get() + "'");
        int major = Integer.parseInt(m.group(1));
        if (major != serverMajor) {
            return new Outcome(Optional.empty(), "pg_dump unavailable: the pg_dump on PATH is major " + major + ", the server is "
                    + serverMajor + " (a dump needs a matching pg_dump)");
        }
        List<String> cmd = new ArrayList<>(List.of("pg_dump", "--format=custom", "--no-password", "--file=" + out, "--dbname=" + libpqUrl(jdbcUrl)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Outcome(Optional.empty(), "pg_dump unavailable: it did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                Files.deleteIfExists(out);
                return new Outcome(Optional.empty(), "pg_dump failed (exit " + p.exitValue() + "): " + output.strip().lines().findFirst().orElse(""));
            }
            return new Outcome(Optional.of(out), "pg_dump " + m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)) + ", custom format");
        } catch (IOException e) {
            return new Outcome(Optional.empty(), "pg_dump unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Optional.empty(), "pg_dump interrupted");
        }
    }

    private static Optional<String> version() {
        try {
            Process p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(v) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** jdbc:postgresql://h:p/db?user=u&password=x&prepareThreshold=0 → postgresql://h:p/db?user=u&password=x (libpq keeps only its own parameters). */
    static String libpqUrl(String jdbcUrl) {
        String url = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring(5) : jdbcUrl;
        int q = url.indexOf('?');
        if (q < 0) return url;
        Map<String, String> kept = new LinkedHashMap<>();
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (List.of("user", "password", "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout").contains(k)) {
                kept.put(k, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        StringBuilder b = new StringBuilder(url.substring(0, q));
        String sep = "?";
        for (Map.Entry<String, String> e : kept.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        return b.toString();
    }
}
