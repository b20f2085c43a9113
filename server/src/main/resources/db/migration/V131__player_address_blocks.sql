-- Address ranges refused on the player API (/api/v1/**): the security incident's "block the source" lever.
-- A row is never deleted: removing a block stamps removed_by/removed_at, so the history stays for the
-- investigation (and admin_audit_log has a row for each change). Every node re-reads the active rows every
-- 250 ms (lottery.block.AddressBlockList).
CREATE TABLE player_address_blocks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cidr        cidr NOT NULL,                 -- IPv4 or IPv6 network; PostgreSQL refuses host bits set beyond the mask
  reason      text NOT NULL CHECK (length(btrim(reason)) > 0),
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  removed_by  text,
  removed_at  timestamptz,
  remove_reason text
);
CREATE UNIQUE INDEX player_address_blocks_active ON player_address_blocks (cidr) WHERE removed_at IS NULL;
