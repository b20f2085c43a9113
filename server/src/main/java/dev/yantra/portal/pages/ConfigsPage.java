package dev.yantra.portal.pages;

import dev.yantra.games.GameRegistry;
import dev.yantra.gameconfig.GameConfigStore;
import dev.yantra.portal.Permission;
import dev.yantra.portal.PortalUser;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Game configurations: the current ones of the scope, a change previewed (old and new theoretical RTP) before it is
 * confirmed, the history of every field and a one-click revert of any entry (with its own confirmation) — all
 * through {@link GameConfigStore}, as {@code yantra config set|history|revert} does. An operator admin may not take
 * a game's theoretical RTP above {@link #OPERATOR_RTP_CAP}: that bound is the platform's.
 */
@Controller
@Guarded(Surface.PORTAL)
public class ConfigsPage {
    /** The highest theoretical RTP (any selection) an operator's own admin may configure; above it, a platform admin decides. */
    public static final double OPERATOR_RTP_CAP = 0.99;
    private final JdbcClient jdbc;
    private final GameConfigStore configs;

    public ConfigsPage(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.configs = new GameConfigStore(jdbc, tx, GameRegistry.standard());
    }

    @GetMapping("/portal/configs")
    public String list(@AuthenticationPrincipal PortalUser me, @RequestParam(required = false) UUID operator, Model model) {
        List<Map<String, Object>> ops = Scoped.operators(jdbc, me, operator);
        List<GameConfigStore.Current> current = new ArrayList<>();
        List<Map<String, Object>> history = new ArrayList<>();
        for (Map<String, Object> op : ops) {
            UUID id = (UUID) op.get("id");
            current.addAll(configs.list(id));
            for (GameConfigStore.AuditEntry e : configs.history(id, null, 50)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("entry", e.id());
                row.put("operator", op.get("name"));
                row.put("game", e.gameCode() + " " + e.currency());
                row.put("field", e.fieldName());
                row.put("old", e.oldValue());
                row.put("new", e.newValue());
                row.put("by", e.changedBy());
                row.put("reason", e.reason());
                row.put("at", e.createdAt());
                history.add(row);
            }
        }
        model.addAttribute("configs", current);
        model.addAttribute("history", history);
        return "portal/configs";
    }

    @PostMapping("/portal/configs/change")
    public String change(@AuthenticationPrincipal PortalUser me, @RequestParam UUID operator, @RequestParam String game,
                         @RequestParam String currency, @RequestParam String changes, @RequestParam(required = false) String reason,
                         @RequestParam(required = false) String confirm, Model model) {
        me.require(Permission.EDIT_GAME_CONFIG);
        me.requireOperator(operator);
        Map<String, String> assignments = parse(changes);
        GameConfigStore.Current before = configs.get(operator, game, currency);
        Map<String, String> merged = new TreeMap<>(before.config());
        assignments.forEach((k, v) -> {
            if (!k.equals("enabled")) merged.put(k, v);
        });
        Map<String, Double> after = preview(game, merged);
        double highest = after.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (!me.role().platform() && highest > OPERATOR_RTP_CAP) {
            throw new PortalUser.Denied("this change takes the theoretical RTP to " + Format.percent(highest)
                    + ", above the platform's bound of " + Format.percent(OPERATOR_RTP_CAP) + " for operator admins");
        }
        if (!Confirm.given(confirm)) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("operator", operator.toString());
            fields.put("game", game);
            fields.put("currency", currency);
            fields.put("changes", changes);
            fields.put("reason", reason == null ? "" : reason);
            return Confirm.ask(model, "Change " + game + " " + currency, "/portal/configs/change",
                    "The configuration changes for every new round of this table.", fields,
                    "changes: " + assignments + "\ntheoretical RTP now:   " + before.theoreticalRtp() + "\ntheoretical RTP after: " + after);
        }
        GameConfigStore.Change c = configs.set(operator, game, currency, assignments, true, me.changedBy(), blankToNull(reason));
        model.addAttribute("notice", game + " " + currency + " is now version " + c.after().version() + ": " + c.after().config());
        return list(me, null, model);
    }

    @PostMapping("/portal/configs/revert/{entry}")
    public String revert(@AuthenticationPrincipal PortalUser me, @PathVariable long entry,
                         @RequestParam(required = false) String confirm, Model model) {
        me.require(Permission.EDIT_GAME_CONFIG);
        Map<String, Object> e = jdbc.sql("SELECT operator_id, game_code, currency, field_name, old_value, new_value FROM operator_config_audit_log WHERE id = ?")
                .param(entry).query().listOfRows().stream().findFirst().orElseThrow(PortalUser.NotVisible::new);
        me.requireOperator((UUID) e.get("operator_id"));
        if (!Confirm.given(confirm)) {
            return Confirm.ask(model, "Revert config entry " + entry, "/portal/configs/revert/" + entry,
                    "Restores " + e.get("field_name") + " of " + e.get("game_code") + " " + e.get("currency") + " from "
                            + e.get("new_value") + " back to " + e.get("old_value") + ".", Map.of(), null);
        }
        if (!me.role().platform() && e.get("old_value") != null) {
            GameConfigStore.Current now = configs.get((UUID) e.get("operator_id"), (String) e.get("game_code"), (String) e.get("currency"));
            Map<String, String> merged = new TreeMap<>(now.config());
            merged.put((String) e.get("field_name"), (String) e.get("old_value"));
            if (!"enabled".equals(e.get("field_name")) && preview((String) e.get("game_code"), merged).values().stream()
                    .anyMatch(v -> v > OPERATOR_RTP_CAP)) {
                throw new PortalUser.Denied("this revert takes the theoretical RTP above the platform's bound for operator admins");
            }
        }
        GameConfigStore.Change c = configs.revert(entry, true, me.changedBy());
        model.addAttribute("notice", "entry " + entry + " reverted: " + c.after().gameCode() + " " + c.after().currency()
                + " is now version " + c.after().version());
        return list(me, null, model);
    }

    private Map<String, Double> preview(String game, Map<String, String> config) {
        try {
            return configs.theoreticalRtp(game, config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** "commissionMicro=4000 lowWeight=48" (spaces, commas or new lines between) into key -> value. */
    static Map<String, String> parse(String changes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : changes.trim().split("[\\s,]+")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) throw new IllegalArgumentException("'" + part + "' is not key=value");
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no change given (key=value, e.g. commissionMicro=4000)");
        return out;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
