/**
 * Owns the player API's address-range block: blocks stored in player_address_blocks (IPv4 and IPv6 CIDRs, audited),
 * each node's polled view of them, the filter that answers 403 {@code address_blocked} on /api/v1/**, and
 * {@code yantra lottery block add|list|remove} with its admin API twin. docs/lottery-hub.md, "Blocking an address range".
 */
package dev.yantra.lottery.block;
