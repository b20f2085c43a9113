package dev.yantra.portal.pages;

import dev.yantra.control.ControlPlane;
import dev.yantra.control.ControlStore;
import dev.yantra.control.KillSwitch;
import dev.yantra.control.RuntimeSetting;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 * The incident levers, each behind a confirmation page: halt and resume bets or settlements (one operator's, or —
 * platform admins only — every operator's), force a breaker open or closed and give it back to automatic, and the
 * runtime settings. The same {@link ControlStore} rows as {@code yantra halt|resume|breaker|settings}; this node's
 * control plane is refreshed at once and every other node follows within a second.
 */
@Controller
@Guarded(Surface.PORTAL)
public class LeversPage {
    private final JdbcClient jdbc;
    private final ControlPlane control;

    public LeversPage(JdbcClient jdbc, ControlPlane control) {
        this.jdbc = jdbc;
        this.control = control;
    }

    @GetMapping("/portal/levers")
    public String levers(@AuthenticationPrincipal PortalUser me, Model model) {
        UUID only = me.operatorFilter(null).orElse(null);
        model.addAttribute("operators", Scoped.operators(jdbc, me, null));
        model.addAttribute("halts", jdbc.sql("""
                        SELECT k.id, k.scope, coalesce(o.name, 'EVERY OPERATOR') AS operator, k.game_code, k.reason, k.created_by, k.created_at
                        FROM kill_switches k LEFT JOIN operators o ON o.id = k.operator_id
                        WHERE k.cleared_at IS NULL AND (CAST(? AS uuid) IS NULL OR k.operator_id = ? OR k.operator_id IS NULL)
                        ORDER BY k.created_at""").params(only, only).query().listOfRows());
        model.addAttribute("overrides", jdbc.sql("""
                        SELECT o.name AS operator, b.mode, b.set_by, b.reason, b.set_at FROM breaker_overrides b JOIN operators o ON o.id = b.operator_id
                        WHERE CAST(? AS uuid) IS NULL OR b.operator_id = ? ORDER BY o.name""").params(only, only).query().listOfRows());
        model.addAttribute("settings", me.role().platform() ? control.snapshot().settings() : Map.of());
        model.addAttribute("settingKeys", Arrays.stream(RuntimeSetting.values()).map(r -> r.key).toList());
        return "portal/levers";
    }

    @PostMapping("/portal/levers/halt")
    public String halt(@AuthenticationPrincipal PortalUser me, @RequestParam String action, @RequestParam String scope,
                       @RequestParam(required = false) UUID operator, @RequestParam(required = false) String game,
                       @RequestParam(required = false) String reason, @RequestParam(required = false) String confirm, Model model) {
        boolean halt = switch (action) {
            case "halt" -> true;
            case "resume" -> false;
            default -> throw new IllegalArgumentException("action must be halt or resume, was '" + action + "'");
        };
        KillSwitch.Scope s = KillSwitch.Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT));
        if (operator == null) {
            me.require(Permission.PLATFORM_LEVERS);
        } else {
            me.requireOperator(operator);
            me.require(Permission.HALT_OPERATOR);
        }
        String gameCode = ConfigsPage.blankToNull(game);
        String target = (operator == null ? "every operator" : "operator " + operator) + (gameCode == null ? "" : ", game " + gameCode);
        if (!Confirm.given(confirm)) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("action", action);
            f.put("scope", s.name());
            f.put("operator", operator == null ? "" : operator.toString());
            f.put("game", gameCode == null ? "" : gameCode);
            f.put("reason", reason == null ? "" : reason);
            return Confirm.ask(model, (halt ? "Halt " : "Resume ") + s.name().toLowerCase(Locale.ROOT), "/portal/levers/halt",
                    halt ? "Every node stops taking " + (s == KillSwitch.Scope.BETS ? "bets" : "settlements") + " of " + target + " within a second."
                         : "Every node takes " + (s == KillSwitch.Scope.BETS ? "bets" : "settlements") + " of " + target + " again within a second.",
                    f, null);
        }
        ControlStore store = control.store();
        String done = halt ? "halt #" + store.halt(s, operator, gameCode, ConfigsPage.blankToNull(reason), me.changedBy()) + " set for " + target
                : store.resume(s, operator, gameCode, ConfigsPage.blankToNull(reason), me.changedBy()) + " halt(s) cleared for " + target;
        control.refresh();
        model.addAttribute("notice", done);
        return levers(me, model);
    }

    @PostMapping("/portal/levers/breaker")
    public String breaker(@AuthenticationPrincipal PortalUser me, @RequestParam UUID operator, @RequestParam String mode,
                          @RequestParam(required = false) String reason, @RequestParam(required = false) String confirm, Model model) {
        me.requireOperator(operator);
        me.require(Permission.PLATFORM_LEVERS);
        String stored = switch (mode) {
            case "force-open" -> "FORCED_OPEN";
            case "force-closed" -> "FORCED_CLOSED";
            case "auto" -> null;
            default -> throw new IllegalArgumentException("mode must be force-open, force-closed or auto, was '" + mode + "'");
        };
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Breaker " + mode, "/portal/levers/breaker",
                    "The wallet breaker of operator " + operator + " becomes " + (stored == null ? "automatic" : stored)
                            + " on every node within a second" + ("FORCED_OPEN".equals(stored) ? ": its bets are refused and its jobs wait." : "."),
                    Map.of("operator", operator.toString(), "mode", mode, "reason", reason == null ? "" : reason), null);
        }
        control.store().overrideBreaker(operator, stored, ConfigsPage.blankToNull(reason), me.changedBy());
        control.refresh();
        model.addAttribute("notice", "breaker of operator " + operator + ": " + (stored == null ? "AUTO" : stored));
        return levers(me, model);
    }

    @PostMapping("/portal/levers/setting")
    public String setting(@AuthenticationPrincipal PortalUser me, @RequestParam String key, @RequestParam(required = false) String value,
                          @RequestParam(required = false) String confirm, Model model) {
        me.require(Permission.PLATFORM_LEVERS);
        RuntimeSetting s = RuntimeSetting.of(key);
        String v = ConfigsPage.blankToNull(value);
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Runtime setting " + key, "/portal/levers/setting",
                    v == null ? key + " goes back to its default on every node." : key + " becomes " + v + " on every node within a second.",
                    Map.of("key", key, "value", v == null ? "" : v), s.description);
        }
        if (v == null) control.store().clearSetting(s, me.changedBy());
        else control.store().setSetting(s, v, me.changedBy());
        control.refresh();
        model.addAttribute("notice", key + (v == null ? " cleared" : " = " + v));
        return levers(me, model);
    }
}
