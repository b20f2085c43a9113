package dev.yantra.lottery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code yantra lottery ...}: the lottery hub's operations. Add a feature's subcommand to the list below.
 * Exit codes: 0 done, 1 the named lottery or draw does not exist (or cannot be moved), 64 bad usage,
 * 69 database down.
 */
@Command(name = "lottery", mixinStandardHelpOptions = true,
        description = "Lottery hub: the catalog, draws and their operations.",
        subcommands = {
                dev.yantra.lottery.cli.LotteryCli.ListLotteries.class,
                dev.yantra.lottery.cli.LotteryCli.ListDraws.class,
                dev.yantra.lottery.cli.LotteryCli.DrawGroup.class,
                ResultCommand.class,
                dev.yantra.lottery.results.ResultsCli.PrizeGroup.class,
                dev.yantra.lottery.withdrawals.WithdrawalCommand.class,
                dev.yantra.lottery.reconcile.LotteryReconcileCommand.class,
                dev.yantra.lottery.block.BlockCommand.class,
        })
public class LotteryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
