package dev.yantra.lottery.cli;

import dev.yantra.lottery.results.ResultsCli;
import dev.yantra.lottery.results.source.ImportResultsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code yantra lottery result ...}: listed here, beside the other lottery commands, so the results room and its
 * source sub-room each stay importable without the other importing it back.
 */
@Command(name = "result", mixinStandardHelpOptions = true, description = "Enter, confirm, correct and settle draw results.",
        subcommands = {ResultsCli.SetResult.class, ResultsCli.ConfirmResult.class, ResultsCli.CorrectResult.class,
                ResultsCli.SettleDraw.class, ResultsCli.ShowResult.class, ResultsCli.FourEyes.class,
                ImportResultsCommand.class, ImportResultsCommand.Conflicts.class})
public class ResultCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
