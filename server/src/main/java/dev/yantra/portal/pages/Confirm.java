package dev.yantra.portal.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * The confirmation step of a destructive action, without script: the first POST (no {@code confirm=yes}) answers a
 * page that says what will happen, with the same form again plus {@code confirm=yes}; only that second POST acts.
 */
public final class Confirm {
    public static final String FIELD = "confirm";

    private Confirm() {
    }

    public static boolean given(String confirm) {
        return "yes".equals(confirm);
    }

    /** The confirmation page for {@code action} (the form's path), re-posting {@code fields}. */
    public static String ask(Model model, String title, String action, String consequence, Map<String, String> fields, String preview) {
        model.addAttribute("title", title);
        model.addAttribute("action", action);
        model.addAttribute("consequence", consequence);
        model.addAttribute("fields", new LinkedHashMap<>(fields));
        model.addAttribute("preview", preview);
        return "portal/confirm";
    }
}
