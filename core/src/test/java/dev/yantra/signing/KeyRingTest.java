package dev.yantra.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final byte[] OLD = key(1);
    private static final byte[] NEW = key(2);

    private static byte[] key(int first) {
        byte[] k = new byte[32];
        k[0] = (byte) first;
        return k;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void a_key_id_is_the_first_eight_bytes_of_the_keys_sha256_and_differs_between_keys() {
        // SHA-256 of 32 zero bytes starts 66687aadf862bd77
        assertThat(KeyRing.keyId(new byte[32])).isEqualTo("66687aadf862bd77");
        assertThat(KeyRing.keyId(OLD)).hasSize(16).isNotEqualTo(KeyRing.keyId(NEW));
    }

    @Test
    void text_sealed_naming_its_key_opens_only_under_that_key() {
        String sealed = KeyRing.of(OLD).sealNamingKey("s3cret".getBytes(StandardCharsets.UTF_8), "kid-1");
        assertThat(sealed).startsWith("v2:" + KeyRing.keyId(OLD) + ":");
        assertThat(KeyRing.keyIdOf(sealed)).contains(KeyRing.keyId(OLD));
        assertThat(text(KeyRing.of(OLD).open(sealed, "kid-1"))).isEqualTo("s3cret");
        assertThatThrownBy(() -> KeyRing.of(NEW).open(sealed, "kid-1"))
                .hasMessageContaining("sealed under master key " + KeyRing.keyId(OLD))
                .hasMessageContaining("YANTRA_MASTER_KEY_PREVIOUS (not set)");
        assertThatThrownBy(() -> KeyRing.of(OLD).open(sealed, "kid-2")).hasMessageContaining("does not authenticate");
    }

    @Test
    void with_one_key_held_the_ring_seals_text_an_older_release_reads_and_names_no_key() {
        String sealed = KeyRing.of(OLD).seal("s3cret".getBytes(StandardCharsets.UTF_8), "kid-1");
        assertThat(sealed).startsWith("v1:").doesNotContain(KeyRing.keyId(OLD));
        assertThat(KeyRing.keyIdOf(sealed)).contains(KeyRing.LEGACY_KEY_ID);
        assertThat(text(KeyRing.of(OLD).open(sealed, "kid-1"))).isEqualTo("s3cret");
        assertThat(text(KeyRing.of(NEW, OLD).open(sealed, "kid-1"))).isEqualTo("s3cret");
        assertThatThrownBy(() -> KeyRing.of(NEW).open(sealed, "kid-1")).hasMessageContaining("does not authenticate under the master key");
    }

    @Test
    void during_a_rotation_the_ring_seals_under_the_new_key_naming_it_and_opens_both() {
        KeyRing rotating = KeyRing.of(NEW, OLD);
        String old = KeyRing.of(OLD).seal("a".getBytes(StandardCharsets.UTF_8), "kid-1");
        String fresh = rotating.seal("b".getBytes(StandardCharsets.UTF_8), "kid-2");
        assertThat(KeyRing.keyIdOf(fresh)).contains(KeyRing.keyId(NEW));
        assertThat(text(rotating.open(old, "kid-1"))).isEqualTo("a");
        assertThat(text(rotating.open(fresh, "kid-2"))).isEqualTo("b");
        assertThat(text(KeyRing.of(NEW).open(fresh, "kid-2"))).isEqualTo("b");
    }

    @Test
    void the_held_key_a_text_opens_under_is_found_for_text_that_names_no_key() {
        KeyRing rotating = KeyRing.of(NEW, OLD);
        String underOld = KeyRing.of(OLD).seal("a".getBytes(StandardCharsets.UTF_8), "kid-1");
        String underNew = KeyRing.of(NEW).seal("b".getBytes(StandardCharsets.UTF_8), "kid-2");
        String named = rotating.seal("c".getBytes(StandardCharsets.UTF_8), "kid-3");
        assertThat(rotating.heldKeyOpening(underOld, "kid-1")).contains(KeyRing.keyId(OLD));
        assertThat(rotating.heldKeyOpening(underNew, "kid-2")).contains(KeyRing.keyId(NEW));
        assertThat(rotating.heldKeyOpening(named, "kid-3")).contains(KeyRing.keyId(NEW));
        assertThat(KeyRing.of(NEW).heldKeyOpening(underOld, "kid-1")).isEmpty();
        assertThat(rotating.heldKeyOpening(underOld, "another row")).isEmpty();
        assertThat(rotating.heldKeyOpening("garbage", "kid-1")).isEmpty();
    }

    @Test
    void malformed_text_and_bad_keys_are_refused_with_a_message_that_reveals_nothing() {
        KeyRing ring = KeyRing.of(OLD);
        assertThatThrownBy(() -> ring.open("plain", "k")).hasMessageContaining("not a sealed secret");
        assertThatThrownBy(() -> ring.open("v1:x", "k")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> ring.open("v1:" + Base64.getEncoder().encodeToString(new byte[4]), "k")).hasMessageContaining("too short");
        assertThatThrownBy(() -> KeyRing.of(new byte[16])).hasMessageContaining("32 bytes, was 16");
        assertThatThrownBy(() -> KeyRing.of(OLD, OLD.clone())).hasMessageContaining("equals the current one");
        assertThat(KeyRing.of(NEW, OLD).toString()).doesNotContain(Base64.getEncoder().encodeToString(NEW))
                .contains(KeyRing.keyId(NEW), KeyRing.keyId(OLD));
    }

    @Test
    void a_derived_key_is_its_own_per_context_and_the_previous_keys_is_found_by_its_id() {
        KeyRing rotating = KeyRing.of(NEW, OLD);
        byte[] evidence = KeyRing.of(OLD).derive("evidence");
        assertThat(evidence).hasSize(32).isNotEqualTo(OLD).isNotEqualTo(KeyRing.of(OLD).derive("other use"));
        assertThat(rotating.deriveFor(KeyRing.keyId(OLD), "evidence")).hasValueSatisfying(k -> assertThat(k).isEqualTo(evidence));
        assertThat(rotating.deriveFor(KeyRing.keyId(NEW), "evidence")).hasValueSatisfying(k -> assertThat(k).isEqualTo(rotating.derive("evidence")));
        assertThat(KeyRing.of(NEW).deriveFor(KeyRing.keyId(OLD), "evidence")).isEmpty();
    }
}
