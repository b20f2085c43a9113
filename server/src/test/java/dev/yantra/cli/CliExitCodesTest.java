package dev.yantra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.app.YantraCommand;
import dev.yantra.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliExitCodesTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cmd = YantraCommand.commandLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cmd.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_malformed_database_url_is_one_line_and_exit_64() {
        Run r = run("migrate", "--database-url", "mysql://nope");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("DATABASE_URL must start with");
    }

    @Test
    void an_unreachable_database_is_one_line_and_exit_69() {
        Run r = run("migrate", "--database-url", "postgres://u:p@127.0.0.1:1/yantra");
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("database unreachable").doesNotContain("Exception");
    }

    @Test
    void an_unknown_flag_is_exit_64() {
        assertThat(run("migrate", "--bogus").code()).isEqualTo(64);
    }

    @Test
    void migrate_on_an_external_database_is_idempotent() {
        String url = TestPostgres.freshDatabaseUrl();
        Run first = run("migrate", "--database-url", url);
        Run second = run("migrate", "--database-url", url);
        assertThat(first.code()).isZero();
        assertThat(second.code()).isZero();
    }

    @Test
    void every_command_has_help() {
        CommandLine root = YantraCommand.commandLine();
        root.getSubcommands().forEach((name, sub) -> assertThat(sub.getCommandSpec().mixinStandardHelpOptions())
                .as("%s has --help", name).isTrue());
        assertThat(run("--help").code()).isZero();
    }
}
