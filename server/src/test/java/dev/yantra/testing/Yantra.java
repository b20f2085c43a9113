package dev.yantra.testing;

import dev.yantra.cli.YantraCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@code yantra <args> --database-url <url>} in this JVM, as an operator would from a shell: the same
 * picocli tree, exit code and stdout/stderr (commands print to System.out, errors go to picocli's err).
 * Not thread-safe: it swaps System.out and System.err for the duration of the command.
 */
public final class Yantra {
    public record Run(int exit, String out, String err) {
    }

    private Yantra() {
    }

    public static synchronized Run run(String databaseUrl, String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--database-url";
        full[args.length + 1] = databaseUrl;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            var cmd = YantraCommand.commandLine();
            cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cmd.execute(full);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
