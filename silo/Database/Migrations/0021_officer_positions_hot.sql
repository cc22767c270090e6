-- Each position batch rewrites most rows of officer_positions (every officer heard since the last batch), and every
-- one of those updates changed last_seen, a column of the zone index, so each was a new index entry as well as a new
-- row version. Indexed by (service_id, zone_code) alone, and with room left on each page, an update that keeps the
-- officer's zone (nearly all of them) is a heap-only (HOT) update: no index is touched. A re-activated zone's query
-- still finds its officers through the index (a zone holds a few thousand at most) and filters last_seen on the row.
DROP INDEX IF EXISTS officer_positions_zone;
CREATE INDEX officer_positions_zone ON officer_positions (service_id, zone_code);
ALTER TABLE officer_positions SET (fillfactor = 70);
