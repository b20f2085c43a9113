package dev.yantra.fairness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads cert/ATTEST (the rng-change-gate) and checks a working tree against it — the Java twin of
 * scripts/cert-check, used by {@code yantra cert status}. File format, one item per line ('#' comments):
 * <pre>
 * SCOPE &lt;NAME&gt; &lt;path-prefix&gt;...                  files under these prefixes belong to NAME (longest prefix wins)
 * HASHED-&lt;NAME&gt;: &lt;YYYY-MM-DD&gt;                       the day NAME's hash lines were last written
 * &lt;sha256&gt;  &lt;path&gt;                                  sha256sum format; its scope follows from the SCOPE lines
 * CERT-ATTEST-&lt;NAME&gt;: &lt;reviewer&gt;, &lt;YYYY-MM-DD&gt;, &lt;justification&gt;
 * </pre>
 * A scope is attested when every file under its prefixes matches a hash line (nothing changed, new or removed) and
 * its newest CERT-ATTEST date is on or after its HASHED date: hashes rewritten without a new attestation fail.
 */
public final class CertAttestation {

    public static final String DEFAULT_PATH = "cert/ATTEST";
    private static final Pattern SCOPE_NAME = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");
    private static final Pattern HASH_LINE = Pattern.compile("([0-9a-f]{64})  (\\S.*)");
    private static final Pattern HASHED_LINE = Pattern.compile("HASHED-([A-Z0-9-]+): (\\S+)");
    private static final Pattern ATTEST_LINE = Pattern.compile("CERT-ATTEST-([A-Z0-9-]+): ([^,]+), ([^,]+), (.+)");
    /** Bound on files per scope and on the ATTEST file, so a wrong root cannot make us hash a whole disk. */
    static final int MAX_FILES = 10_000;

    public record Scope(String name, List<String> prefixes) {}

    public record Attestation(String scope, String reviewer, LocalDate date, String justification) {}

    /** One scope's state: files attested, newest attestation, and one readable line per problem. */
    public record ScopeStatus(String scope, int attestedFiles, LocalDate hashedOn, Optional<Attestation> latest,
                              List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public record Status(List<ScopeStatus> scopes, List<String> fileProblems) {
        public boolean ok() {
            return fileProblems.isEmpty() && scopes.stream().allMatch(ScopeStatus::ok);
        }

        public List<String> problems() {
            List<String> all = new ArrayList<>(fileProblems);
            scopes.forEach(s -> all.addAll(s.problems()));
            return all;
        }
    }

    private final List<Scope> scopes;
    private final Map<String, String> hashes; // path -> sha256, in file order
    private final Map<String, LocalDate> hashedOn;
    private final List<Attestation> attestations;

    private CertAttestation(List<Scope> scopes, Map<String, String> hashes, Map<String, LocalDate> hashedOn,
                            List<Attestation> attestations) {
        this.scopes = List.copyOf(scopes);
        this.hashes = hashes;
        this.hashedOn = hashedOn;
        this.attestations = List.copyOf(attestations);
    }

    public static CertAttestation read(Path attestFile) {
        try {
            return parse(Files.readAllLines(attestFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + attestFile, e);
        }
    }

    /** @throws IllegalArgumentException naming the line number of the first malformed line */
    public static CertAttestation parse(List<String> lines) {
        List<Scope> scopes = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, LocalDate> hashedOn = new TreeMap<>();
        List<Attestation> attestations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            try {
                parseLine(line, scopes, hashes, hashedOn, attestations);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(DEFAULT_PATH + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new CertAttestation(scopes, hashes, hashedOn, attestations);
    }

    private static void parseLine(String line, List<Scope> scopes, Map<String, String> hashes,
                                  Map<String, LocalDate> hashedOn, List<Attestation> attestations) {
        Matcher m;
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        } else if (line.startsWith("SCOPE ")) {
            String[] parts = line.split("\\s+");
            if (parts.length < 3 || !SCOPE_NAME.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("expected 'SCOPE <NAME> <path-prefix>...', was '" + line + "'");
            }
            scopes.add(new Scope(parts[1], List.of(parts).subList(2, parts.length)));
        } else if ((m = HASHED_LINE.matcher(line)).matches()) {
            hashedOn.put(m.group(1), LocalDate.parse(m.group(2)));
        } else if ((m = ATTEST_LINE.matcher(line)).matches()) {
            attestations.add(new Attestation(m.group(1), m.group(2).strip(), LocalDate.parse(m.group(3).strip()),
                    m.group(4).strip()));
        } else if ((m = HASH_LINE.matcher(line)).matches()) {
            if (hashes.put(m.group(2), m.group(1)) != null) {
                throw new IllegalArgumentException("duplicate hash line for " + m.group(2));
            }
        } else {
            throw new IllegalArgumentException("unrecognised line '" + line + "'");
        }
    }

    public List<Scope> scopes() {
        return scopes;
    }

    public List<Attestation> attestations() {
        return attestations;
    }

    /** The scope a repository-relative path belongs to: the one with the longest matching prefix. */
    public Optional<String> scopeOf(String path) {
        String best = null;
        int bestLength = -1;
        for (Scope scope : scopes) {
            for (String prefix : scope.prefixes()) {
                if (path.startsWith(prefix) && prefix.length() > bestLength) {
                    best = scope.name();
                    bestLength = prefix.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public Optional<Attestation> latestAttestation(String scope) {
        return attestations.stream().filter(a -> a.scope().equals(scope))
                .max(Comparator.comparing(Attestation::date));
    }

    /**
     * SHA-256 over the attested hash lines (sorted by path, sha256sum format, '\n'-terminated): one value naming
     * the certified fairness/game code, for build info and per-round records next to the build hash.
     */
    public String attestedDigest() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(hashes).forEach((path, sha) -> sb.append(sha).append("  ").append(path).append('\n'));
        return HexFormat.of().formatHex(Seeds.sha256().digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares the files under {@code repoRoot} with the recorded hashes and dates. Never modifies anything. */
    public Status check(Path repoRoot) {
        Map<String, String> current = currentHashes(repoRoot);
        List<String> fileProblems = new ArrayList<>();
        for (String path : hashes.keySet()) {
            if (scopeOf(path).isEmpty()) {
                fileProblems.add("hash line for " + path + " belongs to no SCOPE line");
            }
        }
        List<ScopeStatus> statuses = new ArrayList<>();
        for (Scope scope : scopes) {
            statuses.add(checkScope(scope.name(), current));
        }
        return new Status(statuses, fileProblems);
    }

    private ScopeStatus checkScope(String scope, Map<String, String> current) {
        List<String> problems = new ArrayList<>();
        String fix = ": add a CERT-ATTEST-" + scope + " line and re-hash with scripts/cert-attest";
        int attested = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(current).entrySet()) {
            if (!scopeOf(e.getKey()).orElse("").equals(scope)) {
                continue;
            }
            String recorded = hashes.get(e.getKey());
            if (recorded == null) {
                problems.add(e.getKey() + " is new and not attested (scope " + scope + ")" + fix);
            } else if (!recorded.equals(e.getValue())) {
                problems.add(e.getKey() + " changed since attestation (scope " + scope + ")" + fix);
            } else {
                attested++;
            }
        }
        for (String path : new TreeMap<>(hashes).keySet()) {
            if (scopeOf(path).orElse("").equals(scope) && !current.containsKey(path)) {
                problems.add(path + " was removed since attestation (scope " + scope + ")" + fix);
            }
        }
        LocalDate hashed = hashedOn.get(scope);
        Optional<Attestation> latest = latestAttestation(scope);
        if (latest.isEmpty()) {
            problems.add("scope " + scope + " has no CERT-ATTEST-" + scope + " line" + fix);
        } else if (hashed == null) {
            problems.add("scope " + scope + " has no HASHED-" + scope + " line: re-hash with scripts/cert-attest");
        } else if (latest.get().date().isBefore(hashed)) {
            problems.add("scope " + scope + " hashes were rewritten on " + hashed + " after its newest attestation ("
                    + latest.get().date() + ")" + fix);
        }
        return new ScopeStatus(scope, attested, hashed, latest, problems);
    }

    /** path → sha256 of every regular file under every scope prefix (relative paths with '/'). */
    Map<String, String> currentHashes(Path repoRoot) {
        Map<String, String> out = new TreeMap<>();
        for (Scope scope : scopes) {
            for (String prefix : scope.prefixes()) {
                Path base = repoRoot.resolve(prefix);
                if (!Files.exists(base)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(base)) {
                    files.filter(Files::isRegularFile).limit(MAX_FILES + 1L).forEach(f -> {
                        String rel = repoRoot.relativize(f).toString().replace('\\', '/');
                        out.put(rel, sha256File(f));
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + base, e);
                }
                if (out.size() > MAX_FILES) {
                    throw new IllegalStateException("more than " + MAX_FILES + " files under the attested scopes");
                }
            }
        }
        return out;
    }

    private static String sha256File(Path file) {
        try {
            MessageDigest sha = Seeds.sha256();
            return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Walks up from {@code start} to the directory that holds cert/ATTEST. */
    public static Optional<Path> findRepoRoot(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(DEFAULT_PATH))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
