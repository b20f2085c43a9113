package dev.yantra.fairness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VerifyCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new VerifyCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void the_published_vector_prints_exactly_one_json_line() {
        int code = run("--server-seed", "0".repeat(64), "--client-seed", "client-seed-a", "--nonce", "0",
                "--low", "48", "--high", "48");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("{\"side\":\"LOW\",\"sum\":3,"
                + "\"hmac\":\"46db6fd93bd83de135123452f4252535c83b9d07a1cf9b5ae8ad61d8a9fed6d4\"}" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void the_asymmetric_published_vector_verifies() {
        assertThat(run("--server-seed", "1".repeat(64), "--client-seed", "asymmetric-low", "--nonce", "0",
                "--low", "60", "--high", "40")).isZero();
        assertThat(out.toString()).startsWith("{\"side\":\"LOW\",\"sum\":6,");
    }

    @Test
    void a_non_hex_seed_exits_64_with_one_clear_line() {
        assertThat(run("--server-seed", "zz", "--client-seed", "c", "--nonce", "0")).isEqualTo(64);
        assertThat(err.toString()).startsWith("yantra verify: serverSeed must be 64 lowercase hex chars, was 'zz'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_negative_nonce_exits_64() {
        assertThat(run("--server-seed", "0".repeat(64), "--client-seed", "c", "--nonce", "-1")).isEqualTo(64);
        assertThat(err.toString()).contains("nonce must be >= 0, was -1");
    }

    @Test
    void a_zero_weight_exits_64() {
        assertThat(run("--server-seed", "0".repeat(64), "--client-seed", "c", "--nonce", "0", "--low", "0"))
                .isEqualTo(64);
        assertThat(err.toString()).contains("lowWeight must be > 0, was 0");
    }

    @Test
    void an_unknown_flag_or_a_non_numeric_nonce_exits_64() {
        assertThat(run("--server-seed", "0".repeat(64), "--client-seed", "c", "--nonce", "0", "--bogus")).isEqualTo(64);
        assertThat(run("--server-seed", "0".repeat(64), "--client-seed", "c", "--nonce", "x")).isEqualTo(64);
        assertThat(run("--client-seed", "c", "--nonce", "0")).isEqualTo(64);
    }
}
