package dev.yantra.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRetentionTest {
    static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    @TempDir
    Path dir;

    void backup(String stamp) throws Exception {
        Files.writeString(dir.resolve("yantra-" + stamp + ".dump"), stamp);
        Files.writeString(dir.resolve("yantra-" + stamp + ".dump" + BackupManifest.SUFFIX), "{}");
    }

    List<String> left() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void backups_older_than_the_age_limit_go_with_their_manifests_and_younger_ones_stay() throws Exception {
        backup("20261201T021500Z");   // 1 day
        backup("20261126T021500Z");   // 6 days
        backup("20261124T021500Z");   // 8 days
        Files.writeString(dir.resolve("notes.txt"), "not a backup");

        List<Path> deleted = new BackupRetention(14, 7).apply(dir, NOW);

        assertThat(deleted).extracting(p -> p.getFileName().toString()).containsExactly("yantra-20261124T021500Z.dump");
        assertThat(left()).containsExactly("notes.txt",
                "yantra-20261126T021500Z.dump", "yantra-20261126T021500Z.dump.manifest.json",
                "yantra-20261201T021500Z.dump", "yantra-20261201T021500Z.dump.manifest.json");
    }

    @Test
    void the_newest_backup_is_kept_however_old_so_a_stalled_schedule_never_leaves_none() throws Exception {
        backup("20250101T000000Z");
        backup("20240101T000000Z");

        new BackupRetention(14, 7).apply(dir, NOW);

        assertThat(left()).containsExactly("yantra-20250101T000000Z.dump", "yantra-20250101T000000Z.dump.manifest.json");
    }

    @Test
    void beyond_the_count_the_oldest_go_first() throws Exception {
        backup("20261201T000000Z");
        backup("20261130T000000Z");
        backup("20261129T000000Z");

        new BackupRetention(2, 365).apply(dir, NOW);

        assertThat(left()).filteredOn(n -> n.endsWith(".dump"))
                .containsExactly("yantra-20261130T000000Z.dump", "yantra-20261201T000000Z.dump");
    }

    @Test
    void a_keep_or_age_below_one_is_refused_before_anything_is_deleted() {
        assertThatThrownBy(() -> new BackupRetention(0, 7)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--keep");
        assertThatThrownBy(() -> new BackupRetention(3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-age-days");
    }
}
