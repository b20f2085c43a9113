package dev.yantra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI registers only the subcommand a command line names (YantraCommand#run); it must behave as the whole tree. */
class OneSubcommandRootTest {

    record Run(int code, String out, String err) {
    }

    static Run run(CommandLine cmd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cmd.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void every_subcommand_of_the_tree_is_found_by_its_name_and_each_alias() {
        Map<String, CommandLine> tree = YantraCommand.commandLine().getSubcommands();
        assertThat(tree).hasSizeGreaterThan(30);
        tree.forEach((name, sub) -> assertThat(YantraCommand.subcommandNamed(name))
                .as("yantra %s", name).isEqualTo(sub.getCommandSpec().userObject().getClass()));
    }

    @Test
    void a_command_line_naming_a_subcommand_registers_that_one_only() {
        CommandLine lean = YantraCommand.commandLineFor("bet", "list", "--player", "p");
        assertThat(lean.getSubcommands()).containsOnlyKeys("bet");
        assertThat(lean.getCommandName()).isEqualTo("yantra");
    }

    @Test
    void a_subcommands_help_reads_the_same_as_under_the_whole_tree() {
        for (String name : new String[] {"bet", "lottery", "verify", "jobs", "settings"}) {
            Run whole = run(YantraCommand.commandLine(), name, "--help");
            Run lean = run(YantraCommand.commandLineFor(name, "--help"), name, "--help");
            assertThat(lean.code()).isZero();
            assertThat(lean.out()).as("yantra %s --help", name).startsWith("Usage: yantra " + name).isEqualTo(whole.out());
        }
    }

    @Test
    void a_bad_option_of_a_subcommand_is_the_same_error_and_exit_64() {
        Run whole = run(YantraCommand.commandLine(), "migrate", "--bogus");
        Run lean = run(YantraCommand.commandLineFor("migrate", "--bogus"), "migrate", "--bogus");
        assertThat(lean.code()).isEqualTo(64).isEqualTo(whole.code());
        assertThat(lean.err()).isEqualTo(whole.err()).contains("--bogus");
    }

    @Test
    void help_the_version_and_a_mistyped_command_get_the_whole_tree() {
        assertThat(YantraCommand.commandLineFor("--help").getSubcommands()).hasSizeGreaterThan(30);
        assertThat(YantraCommand.commandLineFor("--version").getSubcommands()).hasSizeGreaterThan(30);
        assertThat(YantraCommand.commandLineFor().getSubcommands()).hasSizeGreaterThan(30);
        Run typo = run(YantraCommand.commandLineFor("bets"), "bets");
        assertThat(typo.code()).isEqualTo(64);
        assertThat(typo.err()).contains("bets");
    }
}
