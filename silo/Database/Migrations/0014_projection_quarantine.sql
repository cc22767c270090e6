-- Report versions the projection writer could not write to the query model (PostgreSQL refused them),
-- kept aside so the rest of the queue moves on; admins list them at /api/admin/projection/quarantine.
-- The snapshot is JSON text with every character PostgreSQL cannot hold written as a \uXXXX escape.
CREATE TABLE projection_quarantine
(
    complaint_id    text        NOT NULL,
    version         integer     NOT NULL,
    error           text        NOT NULL,
    snapshot        text        NOT NULL,
    quarantined_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (complaint_id, version)
);

CREATE INDEX projection_quarantine_at ON projection_quarantine (quarantined_at DESC);
