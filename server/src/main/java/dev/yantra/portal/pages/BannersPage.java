package dev.yantra.portal.pages;

import dev.yantra.control.IncidentBanners;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The incident banner players see on /play (and the operator API serves): post one, replace it with an update,
 * clear it — {@link IncidentBanners}, as {@code yantra incident post|clear} does; the history of the scope below.
 */
@Controller
@Guarded(Surface.PORTAL)
public class BannersPage {
    private final JdbcClient jdbc;
    private final IncidentBanners banners;

    public BannersPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.banners = new IncidentBanners(jdbc);
    }

    @GetMapping("/portal/banners")
    public String list(@AuthenticationPrincipal PortalUser me, Model model) {
        UUID only = me.operatorFilter(null).orElse(null);
        model.addAttribute("operators", Scoped.operators(jdbc, me, null));
        model.addAttribute("banners", jdbc.sql("""
                        SELECT b.id, o.name AS operator, b.message, b.posted_by, b.posted_at, b.cleared_by, b.cleared_at
                        FROM incident_banners b JOIN operators o ON o.id = b.operator_id
                        WHERE CAST(? AS uuid) IS NULL OR b.operator_id = ? ORDER BY b.posted_at DESC LIMIT 100""")
                .params(only, only).query().listOfRows());
        return "portal/banners";
    }

    @PostMapping("/portal/banners/post")
    public String post(@AuthenticationPrincipal PortalUser me, @RequestParam UUID operator, @RequestParam String message, Model model) {
        me.requireOperator(operator);
        me.require(Permission.POST_BANNER);
        String text = message.trim();
        if (text.isEmpty() || text.length() > 500) throw new IllegalArgumentException("a banner is 1 to 500 characters, was " + text.length());
        IncidentBanners.Banner b = banners.post(operator, text, me.changedBy());
        model.addAttribute("notice", "banner #" + b.id() + " is shown on /play for this operator's players");
        return list(me, model);
    }

    @PostMapping("/portal/banners/clear")
    public String clear(@AuthenticationPrincipal PortalUser me, @RequestParam UUID operator, @RequestParam(required = false) String confirm, Model model) {
        me.requireOperator(operator);
        me.require(Permission.POST_BANNER);
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Clear the banner", "/portal/banners/clear",
                    "Players of operator " + operator + " stop seeing the incident banner.", Map.of("operator", operator.toString()), null);
        }
        model.addAttribute("notice", banners.clear(operator, me.changedBy()) ? "banner cleared" : "there was no banner");
        return list(me, model);
    }
}
