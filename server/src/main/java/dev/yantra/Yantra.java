package dev.yantra;

import dev.yantra.app.YantraCommand;

/** Entry point of the {@code yantra} command; see {@link YantraCommand} for the subcommands. */
public final class Yantra {
    private Yantra() {
    }

    public static void main(String[] args) {
        int code = YantraCommand.run(args);
        if (code != 0 || !YantraCommand.keepsRunning(args)) {
            System.exit(code);
        }
    }
}
