-- The query model of reports: what operators list, filter, page and count. Written by the silo's
-- projection writer from the Complaint grains' saved versions, idempotently (newest version wins).
CREATE TABLE complaints
(
    id            text             PRIMARY KEY,
    version       integer          NOT NULL,
    category      text             NOT NULL,
    agency        text             NOT NULL,
    status        text             NOT NULL,
    priority      integer          NOT NULL,
    zone_code     text             NOT NULL,
    lat           double precision NOT NULL,
    lon           double precision NOT NULL,
    description   text             NOT NULL,
    channel       text             NOT NULL,
    reporter_id   text             NULL,
    officer_id    text             NULL,
    duplicate_of  text             NULL,
    attempts      integer          NOT NULL,
    photo_count   integer          NOT NULL,
    submitted_at  timestamptz      NOT NULL,
    sla_due_at    timestamptz      NOT NULL,
    updated_at    timestamptz      NOT NULL
);

CREATE INDEX complaints_status_submitted ON complaints (status, submitted_at DESC);
CREATE INDEX complaints_agency_status ON complaints (agency, status);
CREATE INDEX complaints_zone_status ON complaints (zone_code, status);
CREATE INDEX complaints_officer ON complaints (officer_id) WHERE officer_id IS NOT NULL;
CREATE INDEX complaints_submitted ON complaints (submitted_at DESC, id);

CREATE TABLE complaint_timeline
(
    complaint_id text        NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
    seq          integer     NOT NULL,
    at           timestamptz NOT NULL,
    kind         text        NOT NULL,
    actor        text        NOT NULL,
    reason       text        NULL,
    officer_id   text        NULL,
    detail       text        NULL,
    PRIMARY KEY (complaint_id, seq)
);

CREATE INDEX complaint_timeline_officer ON complaint_timeline (officer_id, at) WHERE officer_id IS NOT NULL;

-- Assignment history: every timeline event that names an officer.
CREATE VIEW complaint_assignments AS
SELECT complaint_id, seq, at, kind, actor, officer_id, reason, detail
  FROM complaint_timeline
 WHERE officer_id IS NOT NULL;
