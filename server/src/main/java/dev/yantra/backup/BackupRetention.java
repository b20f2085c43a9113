package dev.yantra.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which backups of a directory to delete: a backup goes once it is not among the newest {@code keep} or is older
 * than {@code maxAgeDays} — but the newest backup is never deleted, whatever its age, so a stalled schedule never
 * leaves an operator with nothing. The age is the timestamp in the file name (set when it was taken), not the file's
 * mtime, which a copy or restore of the directory changes.
 */
record BackupRetention(int keep, int maxAgeDays) {
    private static final Pattern NAME = Pattern.compile("yantra-(\\d{8}T\\d{6}Z)\\.dump");

    BackupRetention {
        if (keep < 1) throw new IllegalArgumentException("--keep must be at least 1, was " + keep);
        if (maxAgeDays < 1) throw new IllegalArgumentException("--max-age-days must be at least 1, was " + maxAgeDays);
    }

    /** Deletes what the policy drops (each file with its manifest) and returns the backup files deleted. */
    List<Path> apply(Path dir, Instant now) throws IOException {
        List<Path> backups;
        try (Stream<Path> files = Files.list(dir)) {
            backups = files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
        List<Path> deleted = new ArrayList<>();
        for (int i = 1; i < backups.size(); i++) {
            Path b = backups.get(i);
            boolean tooMany = i >= keep;
            boolean tooOld = takenAt(b).map(t -> Duration.between(t, now).toDays() >= maxAgeDays).orElse(false);
            if (tooMany || tooOld) {
                Files.deleteIfExists(b.resolveSibling(b.getFileName() + BackupManifest.SUFFIX));
                Files.delete(b);
                deleted.add(b);
            }
        }
        return deleted;
    }

    static java.util.Optional<Instant> takenAt(Path backup) {
        Matcher m = NAME.matcher(backup.getFileName().toString());
        if (!m.matches()) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(Instant.from(BackupTaker.STAMP.parse(m.group(1))));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
