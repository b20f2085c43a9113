package dev.yantra.lottery.bancas;

import dev.yantra.db.Rows;
import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Owns the bancas table: creating, editing and moving a banca through {@link BancaStatus}, each change audited
 * (admin_audit_log, changed_by = the admin token's name or cli:&lt;user&gt;) in the same transaction. Approval
 * activates the banca and issues its first secret, active at once (shown once).
 */
@Component
public class Bancas {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final Pattern RNC = Pattern.compile("[0-9-]{9,13}");
    private static final int MAX_SUCURSALES = 500;

    public record Sucursal(String code, String name) {
    }

    public record Banca(UUID id, String name, String rnc, String endpointUrl, String contact, BigDecimal commission,
                        BancaStatus status, String statusReason, List<Sucursal> sucursales, long numberLiabilityCapMicro,
                        Map<String, Object> payoutOverrides, Instant createdAt, Instant updatedAt) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put("name", name);
            m.put("rnc", rnc);
            m.put("endpointUrl", endpointUrl);
            m.put("contact", contact);
            m.put("commission", commission.toPlainString());
            m.put("status", status.wire());
            m.put("statusReason", statusReason);
            m.put("sucursales", sucursales.stream().map(s -> Map.of("code", s.code(), "name", s.name())).toList());
            m.put("numberLiabilityCap", dev.yantra.lottery.money.LotteryAmount.toDecimal(numberLiabilityCapMicro));
            m.put("payoutOverrides", payoutOverrides);
            m.put("createdAt", createdAt.toString());
            m.put("updatedAt", updatedAt.toString());
            return m;
        }
    }

    /** A new banca; {@code commission} and {@code sucursales} may be null (0 and none). */
    public record NewBanca(String name, String rnc, String endpointUrl, String contact, BigDecimal commission,
                           List<Sucursal> sucursales) {
    }

    /**
     * An edit: null fields stay as they are. Status changes go through the lifecycle methods, never here.
     * {@code payoutOverrides}: the banca's own prices (PayoutTable JSON form), frozen onto the plays it takes.
     */
    public record Changes(String name, String rnc, String endpointUrl, String contact, BigDecimal commission,
                          List<Sucursal> sucursales, Long numberLiabilityCapMicro, Map<String, Object> payoutOverrides) {
        public Changes(String name, String rnc, String endpointUrl, String contact, BigDecimal commission, List<Sucursal> sucursales) {
            this(name, rnc, endpointUrl, contact, commission, sucursales, null, null);
        }
    }

    private final JdbcClient jdbc;
    private final AdminAudit audit;
    private final BancaCredentials credentials;
    private final TransactionTemplate tx;

    public Bancas(Database db, AdminAudit audit, BancaCredentials credentials) {
        this.jdbc = db.jdbc();
        this.audit = audit;
        this.credentials = credentials;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    public Banca create(NewBanca n, String changedBy) {
        requireWho(changedBy);
        UUID id = UUID.randomUUID();
        return tx.execute(s -> {
            if (jdbc.sql("SELECT count(*) FROM bancas WHERE name = ?").param(validName(n.name())).query(Long.class).single() > 0) {
                throw new UsageException("a banca named '" + n.name() + "' already exists");
            }
            int rows = jdbc.sql("""
                            INSERT INTO bancas (id, name, rnc, endpoint_url, contact, commission, sucursales)
                            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))""")
                    .params(id, validName(n.name()), validRnc(n.rnc()), validUrl(n.endpointUrl()), validContact(n.contact()),
                            validCommission(n.commission() == null ? BigDecimal.ZERO : n.commission()),
                            sucursalesJson(n.sucursales() == null ? List.of() : n.sucursales()))
                    .update();
            Rows.exactlyOne(rows, "banca insert");
            Banca b = get(id);
            audit.record(changedBy, "banca.create", subject(id), null, Json.write(b.toJson()), null);
            return b;
        });
    }

    public List<Banca> list() {
        return jdbc.sql("SELECT * FROM bancas ORDER BY created_at, name").query(Bancas::map).list();
    }

    public List<Banca> pending() {
        return jdbc.sql("SELECT * FROM bancas WHERE status = 'pending' ORDER BY created_at, name").query(Bancas::map).list();
    }

    public Optional<Banca> find(UUID id) {
        return jdbc.sql("SELECT * FROM bancas WHERE id = ?").param(id).query(Bancas::map).optional();
    }

    public Banca get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("no banca " + id));
    }

    /** By id or by exact name (the CLI accepts either). */
    public Banca get(String idOrName) {
        try {
            return get(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notAUuid) {
            return jdbc.sql("SELECT * FROM bancas WHERE name = ?").param(idOrName).query(Bancas::map).optional()
                    .orElseThrow(() -> new NotFoundException("no banca named '" + idOrName + "'"));
        }
    }

    public Banca update(UUID id, Changes c, String changedBy) {
        requireWho(changedBy);
        return tx.execute(s -> {
            Banca old = lock(id);
            int rows = jdbc.sql("""
                            UPDATE bancas SET name = ?, rnc = ?, endpoint_url = ?, contact = ?, commission = ?,
                                   sucursales = CAST(? AS jsonb), number_liability_cap_micro = ?,
                                   payout_overrides = CAST(? AS jsonb), updated_at = now()
                            WHERE id = ?""")
                    .params(c.name() == null ? old.name() : validName(c.name()), c.rnc() == null ? old.rnc() : validRnc(c.rnc()),
                            c.endpointUrl() == null ? old.endpointUrl() : validUrl(c.endpointUrl()),
                            c.contact() == null ? old.contact() : validContact(c.contact()),
                            c.commission() == null ? old.commission() : validCommission(c.commission()),
                            sucursalesJson(c.sucursales() == null ? old.sucursales() : c.sucursales()),
                            validCap(c.numberLiabilityCapMicro() == null ? old.numberLiabilityCapMicro() : c.numberLiabilityCapMicro()),
                            overridesJson(c.payoutOverrides() == null ? old.payoutOverrides() : c.payoutOverrides()), id)
                    .update();
            Rows.exactlyOne(rows, "banca update");
            Banca b = get(id);
            audit.record(changedBy, "banca.update", subject(id), Json.write(old.toJson()), Json.write(b.toJson()), null);
            return b;
        });
    }

    /** The result of an approval: the banca, now active, and its first secret (shown only now). */
    public record Approved(Banca banca, BancaCredentials.Issued credential) {
    }

    /** pending → active, and its first secret issued and active, in one transaction. */
    public Approved approve(UUID id, String changedBy) {
        return tx.execute(s -> {
            Banca b = move(id, BancaStatus.PENDING, BancaStatus.ACTIVE, null, "banca.approve", changedBy);
            BancaCredentials.Issued issued = credentials.issueInTransaction(id, null, changedBy);
            credentials.activateInTransaction(issued.credential().keyId(), BancaCredentials.DEFAULT_OVERLAP, changedBy);
            return new Approved(b, credentials.issuedView(issued));
        });
    }

    public Banca reject(UUID id, String reason, String changedBy) {
        return tx.execute(s -> move(id, BancaStatus.PENDING, BancaStatus.REJECTED, reason, "banca.reject", changedBy));
    }

    public Banca suspend(UUID id, String reason, String changedBy) {
        return tx.execute(s -> move(id, BancaStatus.ACTIVE, BancaStatus.SUSPENDED, reason, "banca.suspend", changedBy));
    }

    /** suspended → active (a pending banca is activated by {@link #approve}, which also issues its secret). */
    public Banca activate(UUID id, String reason, String changedBy) {
        return tx.execute(s -> move(id, BancaStatus.SUSPENDED, BancaStatus.ACTIVE, reason, "banca.activate", changedBy));
    }

    private Banca move(UUID id, BancaStatus from, BancaStatus to, String reason, String action, String changedBy) {
        requireWho(changedBy);
        if (!from.canMoveTo(to)) throw new IllegalStateException("no banca transition " + from + " -> " + to);
        Banca old = lock(id);
        if (old.status() != from) {
            throw new UsageException("banca " + id + " is " + old.status().wire() + "; " + action.substring(6)
                    + " needs it " + from.wire());
        }
        int rows = jdbc.sql("""
                        UPDATE bancas SET status = ?, status_reason = ?, updated_at = now()
                        WHERE id = ? AND status = ?""")
                .params(to.wire(), reason, id, from.wire()).update();
        Rows.exactlyOne(rows, "banca " + id + " status write");
        Banca b = get(id);
        audit.record(changedBy, action, subject(id), Json.write(old.toJson()), Json.write(b.toJson()), reason);
        return b;
    }

    private Banca lock(UUID id) {
        return jdbc.sql("SELECT * FROM bancas WHERE id = ? FOR UPDATE").param(id).query(Bancas::map).optional()
                .orElseThrow(() -> new NotFoundException("no banca " + id));
    }

    static String subject(UUID id) {
        return "banca:" + id;
    }

    static void requireWho(String changedBy) {
        if (changedBy == null || changedBy.isBlank()) throw new IllegalStateException("a banca change needs who made it");
    }

    private static String validName(String s) {
        if (s == null || !NAME.matcher(s.trim()).matches()) {
            throw new UsageException("name must be 1-64 letters, digits, spaces or . _ -, was '" + s + "'");
        }
        return s.trim();
    }

    private static String validRnc(String s) {
        if (s == null || !RNC.matcher(s.trim()).matches()) throw new UsageException("rnc must be 9-13 digits or dashes, was '" + s + "'");
        return s.trim();
    }

    private static String validContact(String s) {
        if (s == null || s.isBlank() || s.length() > 256) throw new UsageException("contact is required (at most 256 characters)");
        return s.trim();
    }

    private static BigDecimal validCommission(BigDecimal c) {
        if (c.signum() < 0 || c.compareTo(BigDecimal.valueOf(100)) > 0 || c.scale() > 2) {
            throw new UsageException("commission must be a percentage 0-100 with at most 2 decimals, was " + c.toPlainString());
        }
        return c;
    }

    /** An absolute http(s) base URL without query or fragment; forwarding appends /v1/plays/register. */
    static String validUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) throw new UsageException("an endpoint URL of at most 2048 characters is required");
        try {
            URI u = URI.create(url.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new UsageException("endpoint URL must be an absolute http(s) URL without query, was '" + url + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("endpoint URL is not a valid URL: '" + url + "'");
        }
        String t = url.trim();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    private static long validCap(long capMicro) {
        if (capMicro <= 0) throw new UsageException("numberLiabilityCap must be > 0");
        return capMicro;
    }

    /** Checked by parsing it as a payout table: a bad multiplier is refused here, not at the first play. */
    private static String overridesJson(Map<String, Object> overrides) {
        if (overrides == null) return null;
        try {
            return Json.write(dev.yantra.lottery.bet.PayoutTable.fromMap(overrides).toMap());
        } catch (IllegalArgumentException e) {
            throw new UsageException("payoutOverrides: " + e.getMessage());
        }
    }

    private static String sucursalesJson(List<Sucursal> list) {
        if (list.size() > MAX_SUCURSALES) throw new UsageException("at most " + MAX_SUCURSALES + " sucursales");
        java.util.Set<String> codes = new java.util.HashSet<>();
        List<Map<String, String>> out = new ArrayList<>();
        for (Sucursal s : list) {
            if (s.code() == null || s.code().isBlank() || s.code().length() > 32) throw new UsageException("a sucursal code is 1-32 characters");
            if (!codes.add(s.code())) throw new UsageException("sucursal code '" + s.code() + "' appears twice");
            String name = s.name() == null ? "" : s.name();
            if (name.length() > 128) throw new UsageException("a sucursal name is at most 128 characters");
            out.add(Map.of("code", s.code(), "name", name));
        }
        return Json.write(out);
    }

    static Banca map(ResultSet rs, int row) throws SQLException {
        List<Sucursal> sucursales = new ArrayList<>();
        JsonNode arr = Json.parse(rs.getString("sucursales"));
        for (JsonNode s : arr.values()) sucursales.add(new Sucursal(s.get("code").asString(), s.path("name").asString("")));
        return new Banca(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("rnc"), rs.getString("endpoint_url"),
                rs.getString("contact"), rs.getBigDecimal("commission"), BancaStatus.fromWire(rs.getString("status")).orElseThrow(),
                rs.getString("status_reason"), List.copyOf(sucursales), rs.getLong("number_liability_cap_micro"),
                rs.getString("payout_overrides") == null ? null
                        : Json.MAPPER.readValue(rs.getString("payout_overrides"), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { }),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
