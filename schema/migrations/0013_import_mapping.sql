-- Which version of the importers' mapping (importers/format.hpp, Mapping) turned an import's
-- rows into lines, and, for a CSV read out of a zip delivery, the member's name.
--
-- The mapping changes as revshare learns more export shapes (importers/MAPPING.md, "Mapping
-- versions"): Azure commitment rows split into BilledCost and EffectiveCost, FOCUS units, ...
-- An import keeps the lines its version gave, so that a closed period replays as it was;
-- `verify --deep` and `verify-evidence` read a delivery again with the import's own version.
-- Every import stored before this migration was mapped by version 1.
ALTER TABLE import ADD COLUMN mapping INTEGER NOT NULL DEFAULT 1;
-- '' for a delivery that is itself the CSV; the member's path inside the zip otherwise
-- (file_name is then the zip as named on the command line, sha256 and size the member's).
ALTER TABLE import ADD COLUMN member_name TEXT NOT NULL DEFAULT '';
