#pragma once
// Rows inserted many to a statement: `INSERT INTO t (a, b) VALUES (?,?),(?,?),...`. A statement
// per row spends most of a small row's time starting and halting the statement; 16 rows a
// statement (event_line: 176 parameters, far below SQLite's limit) takes that to a sixteenth.
// Rows are kept until a statement is full; flush() writes the rest (call it before reading the
// table back, and before the transaction commits: the destructor does not write).
#include "schema/database.hpp"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3_stmt;

namespace revshare::schema {

class BatchedInsert {
public:
    // monostate: NULL. Texts are not copied: each must outlive the next flush() (an arena, a
    // member, a literal).
    using Value = std::variant<std::monostate, std::int64_t, std::string_view>;
    static constexpr int rows_per_statement = 16;

    // `table_and_columns`: "event_line (line_id, import_id, ...)", `columns` of them.
    BatchedInsert(Database& db, const std::string& table_and_columns, int columns);

    // One row, `columns` values: written when a statement's worth has gathered.
    void add(std::initializer_list<Value> row);
    void flush();

private:
    struct Finalize {
        void operator()(sqlite3_stmt* statement) const;
    };
    using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;
    [[nodiscard]] Statement prepare(const std::string& sql) const;
    void write(sqlite3_stmt* statement, std::span<const Value> values) const;

    Database& db_;
    int columns_;
    Statement many_;
    Statement one_;
    std::vector<Value> pending_;  // rows gathered, `columns_` values each
};

}  // namespace revshare::schema
