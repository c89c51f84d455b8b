-- Work that one replica at a time should do over several statements and remote calls (for
-- example reconciling Step Functions executions): the holder renews its lease each round, and
-- another replica takes over once it has lapsed.
CREATE TABLE IF NOT EXISTS scanner_leases (
    name   text        PRIMARY KEY,
    holder text        NOT NULL,
    until  timestamptz NOT NULL
);
