-- Report and proof photos belong to the cluster: every silo serves every photo from here (they used to be
-- files in one silo's Storage:PhotoDirectory). A photo row belongs to one report and the account that
-- uploaded it; its public name stays "photos/<sha256>.<ext>" (the reference the report keeps). A row is
-- written before the report (or the resolution) that names it and attached once that is stored; rows left
-- unattached past Photos:OrphanAfter are removed by the orphan sweep.
CREATE TABLE photos
(
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id     text        NOT NULL,
    owner_id      text        NOT NULL,
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type  text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes    integer     NOT NULL CHECK (size_bytes > 0),
    bytes         bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    attached_at   timestamptz NULL,
    UNIQUE (report_id, sha256)
);

-- Photos are compressed already: keep them out of line without a second compression.
ALTER TABLE photos ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE INDEX photos_sha256 ON photos (sha256);
CREATE INDEX photos_unattached ON photos (created_at) WHERE attached_at IS NULL;

-- Photos and bytes each account stored per UTC day, for the per-user quota (Photos:PhotosPerUserPerDay,
-- Photos:BytesPerUserPerDay). Counted when a row is written, so deleting photos gives no quota back.
CREATE TABLE photo_quota
(
    owner_id  text    NOT NULL,
    day       date    NOT NULL,
    photos    integer NOT NULL,
    bytes     bigint  NOT NULL,
    PRIMARY KEY (owner_id, day)
);
