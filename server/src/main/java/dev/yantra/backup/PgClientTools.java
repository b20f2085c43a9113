package dev.yantra.backup;

import dev.yantra.config.UnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pg_dump and pg_restore of the server's major version. A pg_dump older than the server refuses to dump it, and one
 * newer writes archives the server's own pg_restore cannot read, so backup and restore insist on the same major and
 * say which one to install otherwise. Looked for in YANTRA_PG_BIN_DIR, then Debian's /usr/lib/postgresql/MAJOR/bin,
 * then PATH.
 */
final class PgClientTools {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    private final Path pgDump;
    private final Path pgRestore;
    private final String version;

    private PgClientTools(Path pgDump, Path pgRestore, String version) {
        this.pgDump = pgDump;
        this.pgRestore = pgRestore;
        this.version = version;
    }

    /** The tools for a server of {@code serverMajor}; refuses (exit 69) naming what was found and what to install. */
    static PgClientTools forServerMajor(int serverMajor) {
        List<String> found = new ArrayList<>();
        for (Path dir : candidateDirs(serverMajor)) {
            Path dump = dir.resolve("pg_dump");
            Path restore = dir.resolve("pg_restore");
            if (!Files.isExecutable(dump) || !Files.isExecutable(restore)) continue;
            String v = versionOf(dump);
            OptionalInt major = majorOf(v);
            if (major.isPresent() && major.getAsInt() == serverMajor) return new PgClientTools(dump, restore, v);
            found.add(dump + " is " + (v.isBlank() ? "of unknown version" : v));
        }
        throw new UnavailableException("the database server is PostgreSQL " + serverMajor + " and no pg_dump/pg_restore "
                + serverMajor + " was found (" + (found.isEmpty() ? "none at all" : String.join("; ", found)) + "). Install "
                + "the client tools of that major (Debian: apt-get install postgresql-client-" + serverMajor
                + ") or set YANTRA_PG_BIN_DIR to the directory holding them", null);
    }

    private static Set<Path> candidateDirs(int major) {
        Set<Path> dirs = new LinkedHashSet<>();
        String override = dev.yantra.config.EnvVars.PG_BIN_DIR.read(dev.yantra.config.EnvVars.process()).orElse(null);
        if (override != null && !override.isBlank()) dirs.add(Path.of(override));
        dirs.add(Path.of("/usr/lib/postgresql/" + major + "/bin"));
        String path = dev.yantra.config.EnvVars.process().get("PATH");
        if (path != null) {
            for (String p : path.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) dirs.add(Path.of(p));
            }
        }
        return dirs;
    }

    static OptionalInt majorOf(String versionLine) {
        Matcher m = VERSION.matcher(versionLine);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private static String versionOf(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    String version() {
        return version;
    }

    /** pg_dump with {@code args} against {@code target}; stderr is returned in the failure message. */
    void dump(PgTarget target, List<String> args) {
        run(pgDump, target, args);
    }

    void restore(PgTarget target, List<String> args) {
        run(pgRestore, target, args);
    }

    private static void run(Path tool, PgTarget target, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        target.applyTo(env);
        try {
            Process p = pb.start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new ToolFailedException(tool.getFileName() + " exited " + rc + (err.isEmpty() ? "" : ": " + err.lines()
                        .filter(l -> !l.isBlank()).limit(3).reduce((a, b) -> a + " | " + b).orElse(err)));
            }
        } catch (IOException e) {
            throw new ToolFailedException("cannot run " + tool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailedException(tool.getFileName() + " interrupted");
        }
    }

    /** A client tool ran and failed: the archive or the database refused it. */
    static final class ToolFailedException extends RuntimeException {
        ToolFailedException(String message) {
            super(message);
        }
    }
}
