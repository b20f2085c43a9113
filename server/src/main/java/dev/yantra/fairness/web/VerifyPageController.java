package dev.yantra.fairness.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** /verify: the static page that recomputes a round in the player's browser. */
@Controller
public class VerifyPageController {
    @GetMapping("/verify")
    public String verify() {
        return "forward:/verify.html";
    }
}
