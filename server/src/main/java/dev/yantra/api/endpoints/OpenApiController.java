package dev.yantra.api.endpoints;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the hand-written OpenAPI document of the operator and admin API at /v1/openapi.json (public). */
@RestController
@Guarded(Surface.PUBLIC)
public class OpenApiController {
    private final String document;

    public OpenApiController() throws IOException {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi/yantra-operator-api.json")) {
            if (in == null) throw new IllegalStateException("openapi/yantra-operator-api.json missing from the classpath");
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @GetMapping("/v1/openapi.json")
    public ResponseEntity<String> openapi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
    }
}
