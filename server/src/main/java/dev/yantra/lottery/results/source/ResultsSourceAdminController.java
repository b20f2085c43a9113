package dev.yantra.lottery.results.source;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/lottery/results-source/conflicts}: the source lines that disagreed with a stored result
 * (never applied), most recently seen first, at most {@value #LIMIT}. The twin of
 * {@code yantra lottery result conflicts}.
 */
@RestController
@Guarded(Surface.ADMIN)
public class ResultsSourceAdminController {
    static final int LIMIT = 200;
    private final ResultsImport importer;

    public ResultsSourceAdminController(ResultsImport importer) {
        this.importer = importer;
    }

    @GetMapping("/v1/admin/lottery/results-source/conflicts")
    public Map<String, Object> conflicts() {
        List<Map<String, Object>> found = importer.conflicts(LIMIT);
        return Map.of("conflicts", found, "count", found.size());
    }
}
