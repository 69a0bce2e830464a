// BatchedInsert: rows written sixteen to a statement, the rest one by one at flush(), with
// every kind of value (number, text not copied, NULL) stored exactly.
#include "schema/batched_insert.hpp"
#include "schema/database.hpp"
#include "schema/event_key_hash.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace revshare;
using namespace revshare::testing;

namespace {

// The rows of t, each as "id|text|maybe" ("NULL" for a NULL).
std::vector<std::string> rows_of(schema::Database& db) {
    std::vector<std::string> rows;
    SQLite::Statement query(db.sql(), "SELECT id, typeof(label), label, coalesce(maybe, 'NULL') FROM t ORDER BY id");
    while (query.executeStep()) {
        rows.push_back(query.getColumn(0).getString() + "|" + query.getColumn(1).getString() + ":" +
                       query.getColumn(2).getString() + "|" + query.getColumn(3).getString());
    }
    return rows;
}

}  // namespace

TEST_CASE("BatchedInsert: 0, 1, 15, 16, 17 and 33 rows are all stored, in order, with texts, numbers and NULLs exact") {
    for (const int count : {0, 1, 15, 16, 17, 33}) {
        CAPTURE(count);
        ScratchDir dir;
        schema::Database db(dir / "b.db");
        db.sql().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT NOT NULL, maybe INTEGER) STRICT");
        // One arena the texts point into, as the event ledger's: it must outlive flush().
        std::string arena;
        for (int i = 0; i < count; ++i) arena += "label " + std::to_string(i) + ";";
        std::vector<std::string> expected;
        {
            schema::BatchedInsert insert(db, "t (id, label, maybe)", 3);
            std::size_t at = 0;
            for (int i = 0; i < count; ++i) {
                const std::size_t end = arena.find(';', at);
                const std::string_view label(arena.data() + at, end - at);
                at = end + 1;
                using Value = schema::BatchedInsert::Value;
                insert.add({std::int64_t{i + 1}, label, i % 3 == 0 ? Value() : Value(std::int64_t{-9'223'372'036'854'775'807 - 1 + i})});
                expected.push_back(std::to_string(i + 1) + "|text:label " + std::to_string(i) + "|" +
                                   (i % 3 == 0 ? std::string("NULL") : std::to_string(-9'223'372'036'854'775'807 - 1 + i)));
            }
            // Before flush() only whole statements of 16 are written.
            CHECK(rows_of(db).size() == static_cast<std::size_t>(count / 16 * 16));
            insert.flush();
            insert.flush();  // nothing left: writes nothing twice
        }
        CHECK(rows_of(db) == expected);
    }
}

TEST_CASE("BatchedInsert: a row the table refuses is an error naming SQLite's reason, and the statement is usable again") {
    ScratchDir dir;
    schema::Database db(dir / "b.db");
    db.sql().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT NOT NULL, maybe INTEGER) STRICT");
    schema::BatchedInsert insert(db, "t (id, label, maybe)", 3);
    using Value = schema::BatchedInsert::Value;
    insert.add({std::int64_t{1}, std::string_view("one"), Value()});
    insert.add({std::int64_t{1}, std::string_view("again"), Value()});
    CHECK_THROWS_WITH_AS(insert.flush(), "UNIQUE constraint failed: t.id", SQLite::Exception);
    insert.add({std::int64_t{2}, std::string_view("two"), Value()});
    insert.flush();
    CHECK(rows_of(db) == std::vector<std::string>{"1|text:one|NULL", "2|text:two|NULL"});
}

TEST_CASE("event_key_hash: FNV-1a 64 as stored in event_line.key_hash (a stored hash never changes)") {
    CHECK(schema::event_key_hash("") == static_cast<std::int64_t>(0xcbf29ce484222325ULL));
    CHECK(schema::event_key_hash("foobar") == static_cast<std::int64_t>(0x85944171f73967e8ULL));
    CHECK(schema::event_key_hash("be-0001") != schema::event_key_hash("be-0002"));
}
