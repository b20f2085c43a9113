package dev.yantra.cli;

import dev.yantra.config.EnvVars;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UnavailableException;
import dev.yantra.config.UsageException;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine;

/**
 * Turns every failure of a command into one clear line on stderr and a meaningful exit code — never a wall of
 * stack trace. Set YANTRA_DEBUG=1 to see the trace anyway.
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        int code = exitCodeOf(e);
        cmd.getErr().println("yantra " + cmd.getCommandName() + ": " + messageOf(e));
        if (EnvVars.DEBUG.read(EnvVars.process()).isPresent()) {
            e.printStackTrace(cmd.getErr());
        }
        return code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("yantra " + cmd.getCommandName() + ": " + e.getMessage());
        cmd.getErr().println("Try 'yantra " + qualifiedName(cmd) + " --help'.");
        return ExitCodes.USAGE;
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof UsageException || e instanceof IllegalArgumentException) return ExitCodes.USAGE;
        if (e instanceof UnavailableException) return ExitCodes.UNAVAILABLE;
        if (e instanceof NotFoundException) return ExitCodes.CHECK_FAILED;
        if (e instanceof FlywayException) return ExitCodes.UNAVAILABLE;
        if (e.getCause() != null && e.getCause() != e && e instanceof RuntimeException
                && !(e instanceof IllegalStateException)) {
            return exitCodeOf(e.getCause());
        }
        return ExitCodes.INTERNAL;
    }

    static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static String qualifiedName(CommandLine cmd) {
        String full = cmd.getCommandSpec().qualifiedName(" ");
        return full.startsWith("yantra ") ? full.substring(7) : full;
    }
}
