-- The passages whose proposal waits for an editor: the article page asks for an approver on every
-- view ("approve all"), and without this index each ask read every passage's two texts.
CREATE INDEX passages_pending ON passages (article_id, idx) WHERE corrected_text <> approved_text;
