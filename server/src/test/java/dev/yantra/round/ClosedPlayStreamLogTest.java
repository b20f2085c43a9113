package dev.yantra.round;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A player closing the game's tab closes its event stream: that is the client leaving, not a server error. It must
 * not be logged as an ERROR with a stack trace (a demo's log used to be mostly those), only at DEBUG.
 */
class ClosedPlayStreamLogTest {

    @Test
    void a_player_closing_the_event_stream_logs_no_error_and_no_stack_trace() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        try (TableFixture f = new TableFixture(5000, 1500)) {
            String token = f.session("tab-closer", "real", null);
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> r = f.http.send(HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + f.port(f.nodes.getFirst()) + "/v1/play/stream?session=" + token))
                        .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).isEqualTo(200);
                try (InputStream in = r.body()) {
                    assertThat(in.read(new byte[256])).as("the stream's first event").isPositive();
                }   // the tab is closed: the body is closed mid-stream
            }
            // the stream sends every table tick: give the server several sends into the closed connections
            Thread.sleep(4_000);
            List<ILoggingEvent> errors = events.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .filter(e -> e.getThrowableProxy() != null || String.valueOf(e.getFormattedMessage()).contains("Async"))
                    .toList();
            assertThat(errors).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            root.detachAppender(events);
        }
    }
}
