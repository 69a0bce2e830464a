#include "jobs/statement_workbook.hpp"

#include "engine/core/error.hpp"
#include "importers/csv/csv_reader.hpp"
#include "runtime/atomic_file.hpp"

#include <unistd.h>

#include <cstdint>

namespace revshare::app {
namespace {

// Past this size lines.csv's first million rows may make a sheet of over 4 GB of XML (a
// row's XML is four times its CSV or more): the workbook then needs ZIP64.
constexpr std::uintmax_t zip64_lines_csv_bytes = std::uintmax_t{256} << 20;

// lines.csv's rows, read with the importers' CSV reader (RFC 4180, as it was written).
class LinesCsvRows final : public reports::LinesSheetSource {
public:
    explicit LinesCsvRows(const std::filesystem::path& path)
        : reader_(importers::open_byte_source(path.string()), path.string()) {}

    bool next(std::vector<std::string>& fields) override {
        importers::CsvRecord record;
        Diagnostic error;
        switch (reader_.next(record, error)) {
            case importers::CsvReader::Status::end: return false;
            case importers::CsvReader::Status::error:
                throw Error("internal invariant failed: the lines.csv just written does not read back: " + error.headline(),
                            ExitCode::locked_or_invariant);
            case importers::CsvReader::Status::record: break;
        }
        fields.assign(record.fields.begin(), record.fields.end());
        return true;
    }

private:
    importers::CsvReader reader_;
};

}  // namespace

reports::WorkbookWritten write_statement_workbook(const std::filesystem::path& dir, reports::StatementWorkbook workbook) {
    const auto lines_csv = dir / "lines.csv";
    LinesCsvRows rows(lines_csv);
    if (!rows.next(workbook.lines_header)) {
        throw Error("internal invariant failed: " + lines_csv.string() + " has no header", ExitCode::locked_or_invariant);
    }
    workbook.lines = &rows;
    workbook.use_zip64 = std::filesystem::file_size(lines_csv) > zip64_lines_csv_bytes;
    // libxlsxwriter's own temporaries go into a folder named as the other temporaries are, so
    // that a run killed while it writes leaves nothing the next run cannot attribute and remove
    // (jobs/nightly_files.hpp, abandoned_temporaries).
    const auto parts = dir / (".statement.xlsx.parts.tmp-" + std::to_string(::getpid()));
    std::filesystem::create_directories(parts);
    workbook.scratch_folder = parts.string();
    reports::WorkbookWritten written;
    try {
        write_file_atomically_by(dir / "statement.xlsx", [&](const std::filesystem::path& temporary) {
            written = reports::write_statement_xlsx(temporary.string(), workbook);
        });
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(parts, ignored);
        throw;
    }
    std::filesystem::remove_all(parts);
    return written;
}

}  // namespace revshare::app
