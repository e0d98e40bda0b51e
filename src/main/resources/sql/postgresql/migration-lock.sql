-- Nodes of a cluster start together on one database: each schema change (and the creation of a schema) runs in a
-- transaction that first takes this lock, so that one node migrates and the others find the work done. Released at
-- the end of the transaction. SQLite needs none: one process writes a state file (the account lock).
SELECT pg_advisory_xact_lock(7215006243)
