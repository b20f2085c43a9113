package dev.yantra.cli;

import dev.yantra.config.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A secret handed to a command on standard input, one line: never on the command line, where every user of the
 * machine can read it in the process list and the shell keeps it in its history.
 */
public final class SecretStdin {
    static final int MAX_BYTES = 1024;

    private SecretStdin() {
    }

    public static String read(InputStream in) {
        byte[] raw;
        try {
            raw = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UsageException("cannot read the secret from stdin: " + e.getMessage());
        }
        if (raw.length > MAX_BYTES) throw new UsageException("the secret on stdin is over " + MAX_BYTES + " bytes");
        String text = new String(raw, StandardCharsets.UTF_8);
        // one trailing line break is what `echo` and a here-string add; anything else is part of the secret's shape
        if (text.endsWith("\r\n")) text = text.substring(0, text.length() - 2);
        else if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        if (text.isEmpty()) throw new UsageException("no secret on stdin (pipe the secret into --secret-stdin)");
        if (text.contains("\n")) throw new UsageException("the secret on stdin must be one line");
        return text;
    }
}
