package dev.yantra.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertAttestationTest {

    private static final String RNG_FILE = "core/src/main/java/dev/yantra/fairness/KetapolaRng.java";
    private static final String GAME_FILE = "core/src/main/java/dev/yantra/games/ketapola/KetapolaDicePlugin.java";

    @TempDir
    Path root;

    /** A copy of two real files in a temp repo, attested as they are. */
    private void attestCopies(String hashedOn, String attestedOn) throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        for (String f : List.of(RNG_FILE, GAME_FILE)) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.copy(repo.resolve(f), root.resolve(f));
        }
        String attest = String.join("\n",
                "# test copy",
                "SCOPE RNG core/src/main/java/dev/yantra/fairness/",
                "SCOPE GAMES core/src/main/java/dev/yantra/games/",
                "SCOPE GAME-KETAPOLA-DICE core/src/main/java/dev/yantra/games/ketapola/",
                "HASHED-RNG: " + hashedOn,
                sha(root.resolve(RNG_FILE)) + "  " + RNG_FILE,
                "CERT-ATTEST-RNG: Ada Reviewer, " + attestedOn + ", initial certification",
                "HASHED-GAME-KETAPOLA-DICE: 2025-01-01",
                sha(root.resolve(GAME_FILE)) + "  " + GAME_FILE,
                "CERT-ATTEST-GAME-KETAPOLA-DICE: Ada Reviewer, 2025-01-01, initial",
                "HASHED-GAMES: 2025-01-01",
                "CERT-ATTEST-GAMES: Ada Reviewer, 2025-01-01, SPI has no files in this copy",
                "");
        Files.createDirectories(root.resolve("cert"));
        Files.writeString(root.resolve("cert/ATTEST"), attest);
    }

    private CertAttestation.Status check() {
        return CertAttestation.read(root.resolve("cert/ATTEST")).check(root);
    }

    @Test
    void unchanged_attested_files_pass() throws Exception {
        attestCopies("2025-01-01", "2025-01-01");
        CertAttestation.Status status = check();
        assertThat(status.problems()).isEmpty();
        assertThat(status.scopes()).extracting(CertAttestation.ScopeStatus::attestedFiles).containsExactly(1, 0, 1);
        assertThat(CertAttestation.read(root.resolve("cert/ATTEST")).latestAttestation("RNG")).hasValueSatisfying(
                a -> assertThat(a.reviewer()).isEqualTo("Ada Reviewer"));
    }

    @Test
    void editing_one_character_of_the_rng_fails_naming_the_file_and_the_missing_attestation() throws Exception {
        attestCopies("2025-01-01", "2025-01-01");
        Path rng = root.resolve(RNG_FILE);
        Files.writeString(rng, Files.readString(rng).replaceFirst("4294967295L", "4294967294L"));
        CertAttestation.Status status = check();
        assertThat(status.ok()).isFalse();
        assertThat(status.problems()).containsExactly(RNG_FILE + " changed since attestation (scope RNG): "
                + "add a CERT-ATTEST-RNG line and re-hash with scripts/cert-attest");
    }

    @Test
    void new_and_removed_files_fail_in_the_scope_they_belong_to() throws Exception {
        attestCopies("2025-01-01", "2025-01-01");
        Files.writeString(root.resolve("core/src/main/java/dev/yantra/games/ketapola/Sneaky.java"), "class Sneaky {}");
        Files.delete(root.resolve(RNG_FILE));
        assertThat(check().problems()).containsExactlyInAnyOrder(
                "core/src/main/java/dev/yantra/games/ketapola/Sneaky.java is new and not attested (scope "
                        + "GAME-KETAPOLA-DICE): add a CERT-ATTEST-GAME-KETAPOLA-DICE line and re-hash with scripts/cert-attest",
                RNG_FILE + " was removed since attestation (scope RNG): add a CERT-ATTEST-RNG line and re-hash with "
                        + "scripts/cert-attest");
    }

    @Test
    void hashes_rewritten_after_the_newest_attestation_fail() throws Exception {
        attestCopies("2025-03-01", "2025-02-28");
        assertThat(check().problems()).singleElement().asString()
                .startsWith("scope RNG hashes were rewritten on 2025-03-01 after its newest attestation (2025-02-28)");
    }

    @Test
    void a_malformed_line_is_refused_with_its_line_number() {
        assertThatThrownBy(() -> CertAttestation.parse(List.of("# ok", "CERT-ATTEST-RNG: no date here")))
                .hasMessageContaining("line 2");
    }

    @Test
    void the_attested_digest_changes_when_a_hash_changes() {
        String a = CertAttestation.parse(List.of("SCOPE RNG x/", "0".repeat(64) + "  x/a")).attestedDigest();
        String b = CertAttestation.parse(List.of("SCOPE RNG x/", "1".repeat(64) + "  x/a")).attestedDigest();
        assertThat(a).hasSize(64).isNotEqualTo(b);
    }

    private static String sha(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

}
