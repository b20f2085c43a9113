package dev.yantra.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private static final String ZEROS = "0".repeat(64);

    @Test
    void sha256_hex_hashes_the_ascii_text_of_the_seed() {
        // python3: hashlib.sha256(("0"*64).encode()).hexdigest()
        assertThat(Seeds.sha256Hex(ZEROS)).isEqualTo("60e05bd1b195af2f94112fa7197a5c88289058840ce7c6df9693756bc6250f55");
    }

    @Test
    void a_chain_rebuilt_from_its_tip_walks_down_by_hashing() {
        HashChain chain = HashChain.fromTip(ZEROS, 3);
        assertThat(chain.seed(3)).isEqualTo(ZEROS);
        assertThat(chain.seed(2)).isEqualTo("60e05bd1b195af2f94112fa7197a5c88289058840ce7c6df9693756bc6250f55");
        assertThat(chain.seed(1)).isEqualTo("632500b1742987815bf1e7ebc49d1da6ed2dd9659623bef3f9b96bf5e75ab702");
        assertThat(chain.commitment()).isEqualTo("399abe3835c28f3285d77431b8dba2b9c73319cd6d3dc8b70fef98f8cd8a870a");
    }

    @Test
    void every_link_of_a_long_chain_verifies_across_checkpoints() {
        HashChain chain = HashChain.generate(3000, new SecureRandom());
        HashChain again = HashChain.fromTip(chain.tip(), 3000);
        assertThat(again.commitment()).isEqualTo(chain.commitment());
        for (int k = 1; k <= 3000; k++) {
            assertThat(HashChain.verifyLink(chain.seed(k), chain.seed(k - 1))).as("link %d", k).isTrue();
        }
        ChainCommitment c = chain.commit("table-1", "chain-1", "client", Instant.EPOCH);
        assertThat(HashChain.verifyAgainstCommitment(chain.seed(2049), 2049, c)).isTrue();
        assertThat(HashChain.verifyAgainstCommitment(chain.seed(2049), 2048, c)).isFalse();
    }

    @Test
    void a_link_that_does_not_hash_to_its_predecessor_is_refused() {
        HashChain chain = HashChain.fromTip(ZEROS, 5);
        assertThat(HashChain.verifyLink(chain.seed(3), chain.seed(1))).isFalse();
        assertThat(HashChain.verifyLink("nothex", chain.seed(1))).isFalse();
    }

    @Test
    void bad_chain_parameters_are_refused() {
        assertThatThrownBy(() -> HashChain.fromTip(ZEROS, 0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> HashChain.fromTip("XYZ", 5))
                .hasMessageStartingWith("tipSeed must be 64 lowercase hex chars, was 'XYZ'");
        assertThatThrownBy(() -> HashChain.fromTip(ZEROS, 5).seed(6)).hasMessageContaining("0..5, was 6");
    }

    @Test
    void to_string_never_shows_a_seed() {
        assertThat(HashChain.fromTip(ZEROS, 5).toString()).doesNotContain("0000");
    }

    @Test
    void a_round_proof_verifies_and_a_tampered_one_does_not() {
        HashChain chain = HashChain.fromTip(ZEROS, 10);
        String seed = chain.seed(4);
        DiceOutcome outcome = new KetapolaRng().roll(seed, "client", 4, 48, 48);
        RoundProof proof = new RoundProof(seed, chain.seed(3), "client", 4, 48, 48, outcome, KetapolaRng.VERSION, "c1");
        assertThat(proof.verify().ok()).isTrue();

        RoundProof wrongHash = new RoundProof(seed, chain.seed(2), "client", 4, 48, 48, outcome, KetapolaRng.VERSION, "c1");
        assertThat(wrongHash.verify().problems()).containsExactly("sha256_hex(serverSeed) does not equal serverSeedHash");
        RoundProof wrongNonce = new RoundProof(seed, chain.seed(3), "client", 5, 48, 48, outcome, KetapolaRng.VERSION, "c1");
        assertThat(wrongNonce.verify().ok()).isFalse();
        RoundProof wrongVersion = new RoundProof(seed, chain.seed(3), "client", 4, 48, 48, outcome, "other-rng-v9", "c1");
        assertThat(wrongVersion.verify().problems()).singleElement().asString().contains("unsupported rngVersion");
    }
}
