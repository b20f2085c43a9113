package dev.yantra.round.port;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Interim operator lookup (one SQL) until the operator feature is merged. */
public class OperatorDirectory {
    private final JdbcClient jdbc;

    public OperatorDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OperatorInfo> find(UUID operatorId) {
        return jdbc.sql("SELECT id, status, wallet_callback_url, allowed_currencies FROM operators WHERE id = :id")
                .param("id", operatorId)
                .query((rs, n) -> new OperatorInfo(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("wallet_callback_url"), strings(rs.getArray("allowed_currencies"))))
                .optional();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
