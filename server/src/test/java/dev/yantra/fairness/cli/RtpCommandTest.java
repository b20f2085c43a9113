package dev.yantra.fairness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RtpCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new RtpCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void a_small_simulation_passes_and_prints_a_table() {
        assertThat(run("--rounds", "200000", "--threads", "2")).isZero();
        assertThat(out.toString()).contains("side", "LOW", "HIGH", "theory", "sum", "result: PASSED");
    }

    @Test
    void json_output_is_one_document() {
        assertThat(run("--rounds", "100000", "--threads", "2", "--low", "60", "--high", "40", "--commission-micro", "0",
                "--json")).isZero();
        assertThat(out.toString().strip()).startsWith("{\"game\":\"ketapola-dice\"").endsWith("]}").doesNotContain("\n");
    }

    @Test
    void bad_input_exits_64() {
        assertThat(run("--rounds", "0")).isEqualTo(64);
        assertThat(run("--low", "0")).isEqualTo(64);
        assertThat(err.toString()).contains("lowWeight must be > 0, was 0");
        assertThat(run("--game", "roulette")).isEqualTo(64);
        assertThat(run("--nope")).isEqualTo(64);
    }
}
