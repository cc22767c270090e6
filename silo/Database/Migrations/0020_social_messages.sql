-- Messages from the social-media webhook (Twitter/X, Facebook, WhatsApp Business), one row per message
-- id per source: a replay of the same message finds its row and creates nothing twice. A message with a
-- usable place and category becomes a report (status 'reported', report_id); the rest wait in the
-- operators' triage list (status 'triage') until made into a report or dismissed with a reason.
-- Photo URLs are stored as sent, never fetched.
CREATE TABLE social_messages
(
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         text             NOT NULL,
    message_id     text             NOT NULL,
    author         text             NOT NULL,
    author_name    text             NULL,
    text           text             NOT NULL,
    lat            double precision NULL,
    lon            double precision NULL,
    photo_urls     text[]           NOT NULL,
    received_at    timestamptz      NOT NULL,
    status         text             NOT NULL CHECK (status IN ('new', 'triage', 'reported', 'dismissed')),
    triage_reason  text             NULL,
    report_id      text             NULL,
    handled_by     text             NULL,
    handled_at     timestamptz      NULL,
    dismiss_reason text             NULL,
    CONSTRAINT social_messages_source_message UNIQUE (source, message_id)
);

CREATE INDEX social_messages_triage ON social_messages (received_at DESC, id) WHERE status = 'triage';
