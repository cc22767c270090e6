-- Every officer on the roster, as the Officer grains last saved them: for listings, the attendance
-- board and payroll. The grains stay the source of truth.
CREATE TABLE officer_directory
(
    officer_id  text        PRIMARY KEY,
    name        text        NOT NULL,
    agency      text        NOT NULL,
    team        text        NOT NULL,
    shift       text        NOT NULL,
    active      boolean     NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX officer_directory_agency ON officer_directory (agency, officer_id);
