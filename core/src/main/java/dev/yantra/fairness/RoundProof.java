package dev.yantra.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a player needs to check one settled round alone: recompute the outcome from the revealed seed, and
 * check that the seed hashes to the hash announced before betting (s_{k-1} of the chain). Served only after
 * settlement; before that the server seed is secret.
 */
public record RoundProof(String serverSeed, String serverSeedHash, String clientSeed, long nonce,
                         int lowWeight, int highWeight, DiceOutcome outcome, String rngVersion, String chainId) {

    public RoundProof {
        Objects.requireNonNull(outcome, "outcome must not be null");
        Objects.requireNonNull(rngVersion, "rngVersion must not be null");
        Objects.requireNonNull(clientSeed, "clientSeed must not be null");
    }

    /** The result of re-deriving a proof: ok, or one line per problem found. */
    public record Verification(List<String> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Recomputes the outcome and the seed hash; never throws on bad data, reports it instead. */
    public Verification verify() {
        List<String> problems = new ArrayList<>();
        if (!KetapolaRng.VERSION.equals(rngVersion)) {
            problems.add("unsupported rngVersion '" + rngVersion + "', this verifier knows " + KetapolaRng.VERSION);
            return new Verification(problems);
        }
        if (!HashChain.verifyLink(serverSeed, serverSeedHash)) {
            problems.add("sha256_hex(serverSeed) does not equal serverSeedHash");
        }
        try {
            DiceOutcome recomputed = new KetapolaRng().roll(serverSeed, clientSeed, nonce, lowWeight, highWeight);
            if (!recomputed.equals(outcome)) {
                problems.add("recomputed " + recomputed.toJson() + " differs from recorded " + outcome.toJson());
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new Verification(problems);
    }
}
