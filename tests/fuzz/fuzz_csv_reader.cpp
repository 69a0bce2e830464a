// libFuzzer target: the streaming CSV reader (importers/csv) on arbitrary bytes, refilled in
// small chunks. Properties: it ends; records start on increasing lines; a record's raw bytes
// and fields lie inside the input; every error names the file and a line; a record's fields
// never exceed the column limit.
#include "engine/core/limits.hpp"
#include "importers/csv/csv_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <memory>

using namespace revshare;
using namespace revshare::importers;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    CsvReader reader(std::make_unique<fuzz::MemorySource>(content, fuzz::chunk_bytes_for(size)), "fuzz.csv");
    CsvRecord record;
    Diagnostic error;
    std::int64_t last_line = 0;
    std::size_t raw_bytes = 0;
    bool refused = false;  // a file whose lines end in CR alone is refused at its start, not read on
    for (std::size_t calls = 0;; ++calls) {
        fuzz::require(calls <= size + 1, "the reader returns more records than there are bytes");
        const auto status = reader.next(record, error);
        if (status == CsvReader::Status::end) break;
        if (status == CsvReader::Status::error) {
            fuzz::require(error.location.file == "fuzz.csv", "an error names the file");
            fuzz::require(error.location.line > last_line, "an error's line follows the previous record");
            fuzz::require(!error.message.empty(), "an error has a message");
            last_line = error.location.line;
            if (error.code == DiagnosticCode::cr_line_ends) {
                fuzz::require(error.location.line == 1, "CR-only line ends are refused at the first line");
                refused = true;
            }
            continue;
        }
        fuzz::require(record.line > last_line, "records start on increasing lines");
        last_line = record.line;
        fuzz::require(!record.fields.empty(), "a record has at least one field");
        fuzz::require(record.fields.size() <= limits::csv_columns_max, "at most csv_columns_max fields");
        fuzz::require(record.raw.size() <= limits::csv_record_bytes_max, "at most csv_record_bytes_max bytes");
        raw_bytes += record.raw.size();
        fuzz::require(raw_bytes <= size, "records hold no more bytes than the input");
        fuzz::require(is_valid_utf8(record.raw), "a record that is returned is valid UTF-8");
    }
    fuzz::require(refused || reader.file_bytes_read() == size, "the whole input is read, unless refused at its start");
    return 0;
}
