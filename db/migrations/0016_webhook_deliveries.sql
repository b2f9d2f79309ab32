-- The outbox of webhook deliveries (issue 11): a row is written in the transaction that approves
-- the article, and the server's sender posts it until the receiver answers 2xx. The body is kept
-- as the exact bytes sent, so every attempt carries the same bytes and signature.
CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY,
  delivery_id     TEXT NOT NULL UNIQUE,
  event           TEXT NOT NULL,
  article_id      INTEGER NOT NULL REFERENCES articles (id),
  body            BLOB NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  -- When a pending delivery is due; NULL once it is delivered or has failed for good.
  next_attempt_at TEXT,
  -- A sender that claims the row owns it until then (the request's timeout and a margin).
  lease_until     TEXT,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  delivered_at    TEXT
);

-- The sender asks for the due pending rows every second.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_article ON webhook_deliveries (article_id);
