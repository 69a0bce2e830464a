-- A seller import looks up every delivered event by its key. The (format, event_key) index
-- held both texts for every version (about 75 bytes an entry; a million events did not fit the
-- page cache, and placing each key cost a seek): it is replaced by a 64-bit hash of the key
-- (schema/event_key_hash.hpp), and a lookup compares format and key on the rows it finds.
-- The hashes of the rows stored before are filled in by Database::migrate (C++: SQLite has no
-- such function); `revshare verify` recomputes every one.
ALTER TABLE event_line ADD COLUMN key_hash INTEGER NOT NULL DEFAULT 0;
DROP INDEX event_line_by_key;
CREATE INDEX event_line_by_key_hash ON event_line (key_hash);
