-- Officers' latest positions, duty and last-seen times: soft state saved in batches by one writer per silo
-- (every ~2 s, one multi-row statement), never a row per heartbeat. A re-activated zone rebuilds its
-- officer index from here; the attendance board reads who is online from here. Keyed by the Orleans
-- service id, so clusters (and cities) sharing a database never see each other's officers.
CREATE TABLE officer_positions
(
    service_id  text             NOT NULL,
    officer_id  text             NOT NULL,
    agency      text             NOT NULL,
    zone_code   text,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    fix_at      timestamptz      NOT NULL,
    last_seen   timestamptz      NOT NULL,
    duty        text             NOT NULL,
    online      boolean          NOT NULL,
    active      boolean          NOT NULL,
    recorded_at timestamptz      NOT NULL,
    PRIMARY KEY (service_id, officer_id)
);

CREATE INDEX officer_positions_zone ON officer_positions (service_id, zone_code, last_seen);
