package dev.yantra.lottery.catalog;

import dev.yantra.api.Json;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the catalog ({@code lotteries}); {@link LotterySeed} is the one place that writes it. */
public final class LotteryCatalog {
    private final JdbcClient jdbc;

    public LotteryCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A lottery by id, enabled or not (the caller decides what a disabled one may still do). */
    public Optional<Lottery> find(String lotteryId) {
        if (lotteryId == null) return Optional.empty();
        return jdbc.sql("SELECT *, schedule::text AS schedule_json, payout_table::text AS payout_json FROM lotteries WHERE id = :id")
                .param("id", lotteryId).query(LotteryCatalog::map).optional();
    }

    /** Every lottery, ordered by id. */
    public List<Lottery> all() {
        return jdbc.sql("SELECT *, schedule::text AS schedule_json, payout_table::text AS payout_json FROM lotteries ORDER BY id")
                .query(LotteryCatalog::map).list();
    }

    /** The enabled lotteries only: what is on sale. */
    public List<Lottery> enabled() {
        return all().stream().filter(Lottery::enabled).toList();
    }

    @SuppressWarnings("unchecked")
    static Lottery map(ResultSet rs, int row) throws SQLException {
        return new Lottery(rs.getString("id"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
                rs.getInt("close_minutes"), new LinkedHashSet<>(strings(rs.getArray("bet_types"))),
                Json.MAPPER.readValue(rs.getString("payout_json"), Map.class), rs.getBoolean("has_pick3"),
                rs.getObject("default_banca_id", UUID.class), rs.getLong("min_amount_micro"),
                rs.getLong("max_amount_micro"), strings(rs.getArray("currencies")), rs.getBoolean("enabled"),
                Json.MAPPER.readValue(rs.getString("schedule_json"), Map.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
