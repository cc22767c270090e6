-- Long-lived device credentials of the SIGAP app: a phone signs in once with one, then exchanges it for
-- short access tokens (POST /api/auth/device-token) without a password hash per exchange. Only the
-- SHA-256 of the secret is kept; the credential itself is shown once, when it is issued.
CREATE TABLE device_credentials
(
    credential_id text        PRIMARY KEY,
    officer_id    text        NOT NULL,
    secret_sha256 bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz NULL
);

CREATE INDEX device_credentials_officer ON device_credentials (officer_id) WHERE revoked_at IS NULL;

-- The tracking device id the engine generated for an officer (128 random bits), beside any device ids
-- admins named; generated devices are kept across re-imports.
ALTER TABLE officer_devices ADD COLUMN generated boolean NOT NULL DEFAULT false;
