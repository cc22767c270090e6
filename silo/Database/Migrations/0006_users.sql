-- Accounts of the public API: citizens, officers, operators, supervisors, admins and viewers.
-- Passwords are PBKDF2-SHA256 hashes with a per-user salt ("pbkdf2-sha256$iterations$salt$hash").
CREATE TABLE users
(
    id            text        PRIMARY KEY,
    username      text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('citizen', 'officer', 'operator', 'supervisor', 'admin', 'viewer')),
    officer_id    text        NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'officer' OR officer_id IS NOT NULL)
);

CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE UNIQUE INDEX users_officer ON users (officer_id) WHERE officer_id IS NOT NULL;

-- Token signing keys shared by every silo of the cluster (used when Auth:SigningKey is not configured).
CREATE TABLE auth_signing_keys
(
    name       text        PRIMARY KEY,
    key_base64 text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
