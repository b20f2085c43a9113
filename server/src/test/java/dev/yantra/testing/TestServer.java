package dev.yantra.testing;

import dev.yantra.config.YantraEnv;
import dev.yantra.server.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real node on a free port over a fresh test database, for end-to-end tests through HTTP. */
public final class TestServer implements AutoCloseable {
    public final ServerLauncher.Running running;
    public final YantraEnv env;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(ServerLauncher.Running running, YantraEnv env) {
        this.running = running;
        this.env = env;
    }

    public static TestServer start() {
        YantraEnv env = TestPostgres.freshEnv(freePort());
        return new TestServer(ServerLauncher.start(env, null), env);
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + env.port() + path;
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running.context().close();
        running.database().close(false);
    }
}
