-- The FX table sealed: each `fx import` that adds rates records the SHA-256 of every rate
-- stored so far, in the order stored (schema/fx_store.hpp, fx_seal_sha256), chained to the seal
-- before. `settle` refuses, and `verify` names, a table that no longer gives its seals: a rate
-- edited, deleted or added by hand. The rates stored before this migration are sealed by it
-- (schema/database.cpp runs the first seal in the migration's transaction).
CREATE TABLE fx_rate_seal (
    through_rowid INTEGER PRIMARY KEY,  -- the seal covers fx_rate rows with rowid <= this
    sha256        TEXT NOT NULL
) STRICT;
