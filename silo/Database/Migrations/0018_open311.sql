-- Open311 GeoReport v2: one api_key per client application (FixMyStreet, SeeClickFix-style apps, a
-- partner's back office), issued and revoked by admins. Only the SHA-256 of the secret is kept; the key
-- itself is shown once, when it is issued.
CREATE TABLE open311_api_keys
(
    key_id        text        PRIMARY KEY,
    name          text        NOT NULL,
    secret_sha256 bytea       NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz NULL
);

-- What an Open311 request carried beyond the report itself: the client application, the media_url (a
-- link, never fetched), the attribute[...] values, the address as sent, and the contact fields (shown to
-- staff only, never in public answers).
CREATE TABLE open311_requests
(
    service_request_id text        PRIMARY KEY,
    key_id             text        NOT NULL REFERENCES open311_api_keys (key_id),
    media_url          text        NULL,
    attributes         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    address_string     text        NULL,
    first_name         text        NULL,
    last_name          text        NULL,
    phone              text        NULL,
    email              text        NULL,
    device_id          text        NULL,
    account_id         text        NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX complaint_timeline_at ON complaint_timeline (at);
