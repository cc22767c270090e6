-- Closed attendance days: one sealed record per officer per day, hash-chained per officer.
-- record holds the whole day (intervals, gaps, flags) as JSON; the columns beside it are for queries
-- and are checked against it when a chain is verified.
CREATE TABLE attendance_days
(
    officer_id     text             NOT NULL,
    day            date             NOT NULL,
    agency         text             NOT NULL,
    shift          text             NOT NULL,
    status         text             NOT NULL,
    coverage       double precision NOT NULL,
    covered_seconds double precision NOT NULL,
    first_seen     timestamptz      NULL,
    last_seen      timestamptz      NULL,
    flag_count     integer          NOT NULL,
    record         jsonb            NOT NULL,
    previous_hash  char(64)         NOT NULL,
    hash           char(64)         NOT NULL,
    sealed_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (officer_id, day)
);

CREATE INDEX attendance_days_day_agency ON attendance_days (day, agency);
