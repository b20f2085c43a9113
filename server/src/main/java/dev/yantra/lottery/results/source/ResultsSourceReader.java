package dev.yantra.lottery.results.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads the whole source as text: a file, or an http(s) URL fetched with the JDK client (connect and request
 * timeouts of {@value #TIMEOUT_SECONDS} s). Either is capped at {@value #MAX_BYTES} bytes, so a runaway source
 * cannot fill the heap; an unreadable or oversized source is an IOException, and the caller tries again next poll.
 */
public final class ResultsSourceReader {
    static final int MAX_BYTES = 1 << 20;
    static final int TIMEOUT_SECONDS = 10;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    public String read(String source) throws IOException {
        if (!isUrl(source)) {
            try (InputStream in = Files.newInputStream(Path.of(source))) {
                return capped(in, source);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) throw new IOException(source + " answered HTTP " + r.statusCode());
                return capped(in, source);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + source, e);
        }
    }

    private static String capped(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) throw new IOException(source + " is larger than " + MAX_BYTES + " bytes");
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
