package dev.yantra.fairness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ketapola-rng-v1 test-vector fixture and the self-test that runs it. The server calls {@link #runAll(DiceRng)}
 * at start-up and serves no rounds unless the result is {@link Result#ok()}.
 *
 * <p>Fixture: {@value #RESOURCE} on the classpath, UTF-8 CSV
 * {@code serverSeed,clientSeed,nonce,lowWeight,highWeight,side,sum,hmac}, '#' comment lines, one header line.
 */
public final class TestVectors {

    public static final String RESOURCE = "/fairness/ketapola-rng-v1-vectors.csv";
    static final String HEADER = "serverSeed,clientSeed,nonce,lowWeight,highWeight,side,sum,hmac";
    /** A fixture is small; refuse anything absurd rather than read it all. */
    static final int MAX_VECTORS = 10_000;

    public record Vector(int line, String serverSeed, String clientSeed, long nonce, int lowWeight, int highWeight,
                         DiceOutcome expected) {}

    /** Outcome of a self-test run: how many vectors ran and one readable line per failure. */
    public record Result(int total, List<String> failures) {
        public Result {
            failures = List.copyOf(failures);
        }

        public boolean ok() {
            return total > 0 && failures.isEmpty();
        }

        public String summary() {
            return ok()
                    ? KetapolaRng.VERSION + " test vectors: " + total + "/" + total + " passed"
                    : KetapolaRng.VERSION + " test vectors FAILED: " + failures.size() + " of " + total + ": "
                            + String.join("; ", failures);
        }
    }

    private TestVectors() {}

    /** Loads the fixture from the classpath and runs every vector against {@code rng}. Never throws. */
    public static Result runAll(DiceRng rng) {
        List<Vector> vectors;
        try {
            vectors = loadDefault();
        } catch (RuntimeException e) {
            return new Result(0, List.of("cannot load " + RESOURCE + ": " + e.getMessage()));
        }
        return run(rng, vectors);
    }

    public static Result run(DiceRng rng, List<Vector> vectors) {
        List<String> failures = new ArrayList<>();
        for (Vector v : vectors) {
            try {
                DiceOutcome got = rng.roll(v.serverSeed(), v.clientSeed(), v.nonce(), v.lowWeight(), v.highWeight());
                if (!v.expected().equals(got)) {
                    failures.add("line " + v.line() + ": expected " + v.expected().toJson() + ", got "
                            + (got == null ? "null" : got.toJson()));
                }
            } catch (RuntimeException e) {
                failures.add("line " + v.line() + ": " + e);
            }
        }
        if (vectors.isEmpty()) {
            failures.add("fixture holds no vectors");
        }
        return new Result(vectors.size(), failures);
    }

    public static List<Vector> loadDefault() {
        InputStream in = TestVectors.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        try (in) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Vector> parse(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Vector> vectors = new ArrayList<>();
        boolean headerSeen = false;
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new IllegalArgumentException("line " + lineNo + ": expected header '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            if (vectors.size() >= MAX_VECTORS) {
                throw new IllegalArgumentException("more than " + MAX_VECTORS + " vectors");
            }
            vectors.add(parseLine(lineNo, line));
        }
        return vectors;
    }

    private static Vector parseLine(int lineNo, String line) {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("line " + lineNo + ": expected 8 fields, got " + f.length);
        }
        try {
            DiceOutcome expected = new DiceOutcome(Side.valueOf(f[5]), Integer.parseInt(f[6]), f[7]);
            return new Vector(lineNo, f[0], f[1], Long.parseLong(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), expected);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
        }
    }
}
