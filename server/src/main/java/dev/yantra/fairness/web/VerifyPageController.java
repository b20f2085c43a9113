package dev.yantra.fairness.web;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** /verify: the static page that recomputes a round in the player's browser. */
@Controller
@Guarded(Surface.PUBLIC)
public class VerifyPageController {
    // a page for a browser, declared as one: the OpenAPI document leaves text/html pages out by this mark
    @GetMapping(path = "/verify", produces = MediaType.TEXT_HTML_VALUE)
    public String verify() {
        return "forward:/verify.html";
    }
}
