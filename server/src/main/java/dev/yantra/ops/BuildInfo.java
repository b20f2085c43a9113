package dev.yantra.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Version and commit of this build (from yantra-build.properties, filled by Maven). The build hash recorded on
 * every round is the commit: it names exactly the code that produced the outcome.
 */
public record BuildInfo(String version, String commit) {
    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    public String buildHash() {
        return commit;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/yantra-build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // fall through to "unknown": a missing build file must not stop a node
        }
        String commit = p.getProperty("commit", "unknown");
        if (commit.isBlank() || commit.startsWith("${")) commit = "unknown";
        return new BuildInfo(p.getProperty("version", "dev"), commit);
    }

    /** picocli's --version. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = current();
            return new String[] {"yantra " + b.version() + " (commit " + b.commit() + ")"};
        }
    }
}
