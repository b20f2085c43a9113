package dev.yantra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestBreaksTest {
    @Test
    void unset_means_no_break_and_names_are_read_comma_separated() {
        assertThat(TestBreaks.parse(null)).isEmpty();
        assertThat(TestBreaks.parse(" ")).isEmpty();
        assertThat(TestBreaks.parse("win-fresh-uuid, Job-Complete-Twice")).containsExactlyInAnyOrder("win-fresh-uuid", "job-complete-twice");
    }

    @Test
    void an_unknown_break_stops_the_node_with_the_known_names() {
        assertThatThrownBy(() -> TestBreaks.parse("lease-after-expiry,typo")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown break 'typo'").hasMessageContaining("hold-never-cancelled");
    }

    @Test
    void the_test_suite_runs_an_unbroken_build() {
        assertThat(TestBreaks.KNOWN).noneMatch(TestBreaks::on);
    }
}
