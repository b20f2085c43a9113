package dev.yantra.lottery.results.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.yantra.config.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source over real HTTP (the JDK's server on a free port) and the settings read from the environment. */
class ResultsSourceReaderTest {
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/results.csv", ex -> answer(ex, 200, "test-fast,2026-12-02T12:00:00-04:00,12,34,56,123\n".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/huge.csv", ex -> answer(ex, 200, new byte[ResultsSourceReader.MAX_BYTES + 10]));
        server.createContext("/broken.csv", ex -> answer(ex, 503, "down".getBytes(StandardCharsets.UTF_8)));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void answer(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void a_url_source_is_read_whole_when_it_answers_200() throws IOException {
        assertThat(new ResultsSourceReader().read(base + "/results.csv")).startsWith("test-fast,2026-12-02T12:00:00-04:00,12,34,56");
    }

    @Test
    void a_source_larger_than_the_cap_or_answering_an_error_is_unreadable() {
        assertThatThrownBy(() -> new ResultsSourceReader().read(base + "/huge.csv")).isInstanceOf(IOException.class).hasMessageContaining("larger than");
        assertThatThrownBy(() -> new ResultsSourceReader().read(base + "/broken.csv")).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503");
    }

    @Test
    void the_settings_default_to_off_and_sixty_seconds_and_a_bad_poll_interval_names_the_variable() {
        ResultsSourceSettings none = ResultsSourceSettings.fromEnv(Map.of());
        assertThat(none.source()).isEmpty();
        assertThat(none.pollEvery()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ResultsSourceSettings.fromEnv(Map.of("RESULTS_SOURCE", " /srv/results.csv ", "RESULTS_POLL_SECONDS", "15")))
                .isEqualTo(new ResultsSourceSettings(java.util.Optional.of("/srv/results.csv"), Duration.ofSeconds(15)));
        for (String bad : new String[]{"0", "4", "3601", "sixty", "1.5"}) {
            assertThatThrownBy(() -> ResultsSourceSettings.fromEnv(Map.of("RESULTS_POLL_SECONDS", bad)))
                    .isInstanceOf(UsageException.class).hasMessageContaining("RESULTS_POLL_SECONDS").hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> ResultsSourceSettings.fromEnv(Map.of("RESULTS_SOURCE", "ftp://example.com/r.csv")))
                .isInstanceOf(UsageException.class).hasMessageContaining("RESULTS_SOURCE");
    }
}
