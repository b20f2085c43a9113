package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.app.YantraCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad arguments to {@code yantra chaos run} are refused with exit 64 and a message naming the option, before anything starts. */
class ChaosCommandTest {
    record Run(int code, String err) {
    }

    static Run run(String... args) {
        var cmd = YantraCommand.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cmd.execute(args), err.toString());
    }

    @Test
    void an_unknown_scenario_is_refused_with_the_known_ones() {
        Run r = run("chaos", "run", "--scenario", "kill-stom");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("unknown scenario 'kill-stom'", "kill-storm", "lottery-storm");
    }

    @Test
    void a_duration_without_a_unit_or_too_short_is_refused() {
        assertThat(run("chaos", "run", "--scenario", "kill-storm", "--duration", "10").err()).contains("--duration must be a number with ms, s, m or h");
        Run shortRun = run("chaos", "run", "--scenario", "kill-storm", "--duration", "5s");
        assertThat(shortRun.code()).isEqualTo(64);
        assertThat(shortRun.err()).contains("at least 21 s");
    }

    @Test
    void an_unknown_test_break_and_too_many_nodes_are_refused() {
        assertThat(run("chaos", "run", "--scenario", "kill-storm", "--test-break", "everything-broken").err())
                .contains("--test-break must be one of");
        assertThat(run("chaos", "run", "--scenario", "kill-storm", "--nodes", "9").err()).contains("--nodes must be 1..8");
    }

    @Test
    void durations_read_as_written() {
        assertThat(ChaosCommand.parseDuration("--duration", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ChaosCommand.parseDuration("--duration", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ChaosCommand.parseDuration("--duration", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ChaosCommand.parseDuration("--duration", "500ms")).isEqualTo(Duration.ofMillis(500));
    }
}
