package dev.yantra.bench;

import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code yantra bench bets-load} (hidden): the load generator of {@code yantra bench bets} as a process of its own,
 * so its HTTP client's CPU is not billed to the node. It reads one JSON command per line on stdin and answers each
 * with one JSON line on stdout: first {@code {"ready":true}} once table 0 has opened for bets, then for
 * {@code {"cmd":"closed","name":N,"connections":C,"ms":T}} or
 * {@code {"cmd":"open","name":N,"perOpenSecond":R,"ms":T,"tables":K,"maxOutstanding":M}} the phase it ran
 * ({@link BetLoad.Phase}); an open phase on K tables first waits for all K to be open. {@code {"cmd":"quit"}} or end
 * of input stops it.
 */
@Command(name = "bets-load", hidden = true, mixinStandardHelpOptions = true,
        description = "The load generator process of 'yantra bench bets' (driven over stdin/stdout).")
public class BetLoadCommand implements Callable<Integer> {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--port", required = true, description = "The node's HTTP port on 127.0.0.1") int port;
    @Option(names = "--tokens", required = true, description = "File of 'TABLE_INDEX TOKEN' lines, tables numbered from 0") Path tokensFile;
    @Option(names = "--closed-ms", description = "How long every round is closed for bets at least (default 0)") long closedMs;

    @Override
    public Integer call() throws Exception {
        Map<Integer, List<String>> byTable = new TreeMap<>();
        for (String line : Files.readAllLines(tokensFile)) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" ", 2);
            if (f.length != 2) throw new UsageException("--tokens: a line must be 'TABLE_INDEX TOKEN', was '" + line + "'");
            byTable.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(f[1]);
        }
        if (byTable.isEmpty()) throw new UsageException("--tokens: no sessions in " + tokensFile);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (BetLoad load = new BetLoad(port, List.copyOf(byTable.values()), closedMs)) {
            load.awaitOpen(1, Duration.ofMinutes(3));   // the bench enables the other tables for its tables phase
            out.println("{\"ready\":true}");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode c = JSON.readTree(line);
                String cmd = c.path("cmd").asString();
                Duration length = Duration.ofMillis(c.path("ms").asLong());
                BetLoad.Phase phase = switch (cmd) {
                    case "closed" -> load.closedLoop(c.path("name").asString(), c.path("connections").asInt(), length);
                    case "open" -> load.openLoop(c.path("name").asString(), c.path("perOpenSecond").asDouble(), length,
                            c.path("maxOutstanding").asInt(4096), c.path("tables").asInt(1));
                    case "quit" -> null;
                    default -> throw new UsageException("bench bets-load: unknown command '" + cmd + "'");
                };
                if (phase == null) break;
                out.println(JSON.writeValueAsString(phase));
            }
        }
        return ExitCodes.OK;
    }
}
