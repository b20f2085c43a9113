package dev.yantra.lottery.statements;

import dev.yantra.api.ApiException;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/bancas/{id}/statement?from=YYYY-MM-DD&to=YYYY-MM-DD}: the banca's statement as
 * {@code text/csv} (the same file as {@code yantra banca statement}). 400 for a bad day or period, 404 for an
 * unknown banca.
 */
@Guarded(Surface.ADMIN)
@RestController
public class BancaStatementController {
    private final BancaStatement statements;

    public BancaStatementController(Database db) {
        this.statements = new BancaStatement(db.jdbc());
    }

    @GetMapping("/v1/admin/bancas/{id}/statement")
    public ResponseEntity<String> statement(@PathVariable("id") String id, @RequestParam(name = "from", required = false) String from,
                                            @RequestParam(name = "to", required = false) String to) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "not_found", "no banca " + id);
        }
        try {
            BancaStatement.Statement s = statements.of(statements.banca(id), BancaStatement.day("from", from), BancaStatement.day("to", to));
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + StatementCsv.fileName(s) + "\"")
                    .body(StatementCsv.write(s));
        } catch (NotFoundException e) {
            throw new ApiException(404, "not_found", e.getMessage());
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
    }
}
