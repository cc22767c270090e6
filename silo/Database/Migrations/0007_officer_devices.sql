-- Tracking devices (OsmAnd / Traccar Client ids) registered on the roster: device -> officer.
-- Maintained when admins save an officer's roster entry.
CREATE TABLE officer_devices
(
    device_id  text        PRIMARY KEY,
    officer_id text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX officer_devices_officer ON officer_devices (officer_id);
