package dev.yantra.lottery.block;

import dev.yantra.admin.AdminAuthFilter;
import dev.yantra.api.ApiException;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The twin of {@code yantra lottery block}: {@code GET /v1/admin/lottery/address-blocks[?all=true]},
 * {@code POST /v1/admin/lottery/address-blocks {"cidr","reason"}} (201, or 200 when already blocked),
 * {@code DELETE /v1/admin/lottery/address-blocks?cidr=...&reason=...} (404 when not blocked). Audited under the
 * admin token's name; this node enforces a change at once, every other node within a second.
 */
@RestController
@Guarded(Surface.ADMIN)
public class AddressBlockAdminController {
    private final AddressBlocks blocks;
    private final AddressBlockList list;

    public AddressBlockAdminController(AddressBlocks blocks, AddressBlockList list) {
        this.blocks = blocks;
        this.list = list;
    }

    @GetMapping("/v1/admin/lottery/address-blocks")
    public Map<String, Object> list(@RequestParam(value = "all", defaultValue = "false") boolean all) {
        var found = blocks.list(all);
        return Map.of("blocks", found.stream().map(AddressBlocks.Block::toJson).toList(), "count", found.size());
    }

    @PostMapping("/v1/admin/lottery/address-blocks")
    public ResponseEntity<Map<String, Object>> add(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by,
                                                   @RequestBody(required = false) Map<String, Object> body) {
        Object cidr = body == null ? null : body.get("cidr");
        Object reason = body == null ? null : body.get("reason");
        if (!(reason instanceof String r) || r.isBlank()) throw new ApiException(400, "reason_required", "a reason is required");
        AddressBlocks.Added added;
        try {
            added = blocks.add(cidr instanceof String c ? c : null, r, by);
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_cidr", e.getMessage());
        }
        list.refresh();
        Map<String, Object> out = new LinkedHashMap<>(added.block().toJson());
        out.put("created", added.created());
        return ResponseEntity.status(added.created() ? 201 : 200).body(out);
    }

    @DeleteMapping("/v1/admin/lottery/address-blocks")
    public Map<String, Object> remove(@RequestAttribute(AdminAuthFilter.ADMIN_NAME_ATTRIBUTE) String by,
                                      @RequestParam(value = "cidr", required = false) String cidr,
                                      @RequestParam(value = "reason", required = false) String reason) {
        AddressBlocks.Block b;
        try {
            b = blocks.remove(cidr, reason, by);
        } catch (UsageException e) {
            throw new ApiException(400, "invalid_cidr", e.getMessage());
        } catch (NotFoundException e) {
            throw new ApiException(404, "block_not_found", e.getMessage());
        }
        list.refresh();
        return b.toJson();
    }
}
