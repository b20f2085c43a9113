package dev.yantra.fairness.web;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** /verify: the static page that recomputes a round in the player's browser. */
@Controller
@Guarded(Surface.PUBLIC)
public class VerifyPageController {
    @GetMapping("/verify")
    public String verify() {
        return "forward:/verify.html";
    }
}
