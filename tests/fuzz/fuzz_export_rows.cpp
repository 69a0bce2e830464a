// libFuzzer target: one importer's row mapping, through the real ExportReader (CSV reader,
// header binding, mapper), without a database. Built once per format: REVSHARE_FUZZ_FORMAT names
// the format and REVSHARE_FUZZ_HEADER_FILE a real export whose header row is put in front of
// the fuzzed rows. Properties: every data row becomes a line or a rejected row (never an
// exception, never a crash); a rejected row names the file and its line; a line carries its
// source line; rows read = lines + rejected.
#include "engine/core/error.hpp"
#include "importers/export_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <fstream>

using namespace revshare;
using namespace revshare::importers;

namespace {

std::string header_row;  // the header line of REVSHARE_FUZZ_HEADER_FILE, with its line end
int memory_file = -1;    // the input file, in memory (memfd)

std::string read_header_row(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!std::getline(in, line)) {
        std::fprintf(stderr, "cannot read the header row of %s\n", path);
        std::abort();
    }
    return line + "\n";
}

std::string write_input(std::string_view rows) {
    const std::string content = header_row + std::string(rows);
    fuzz::require(::ftruncate(memory_file, 0) == 0, "ftruncate");
    fuzz::require(::pwrite(memory_file, content.data(), content.size(), 0) == static_cast<ssize_t>(content.size()), "pwrite");
    return "/proc/self/fd/" + std::to_string(memory_file);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    header_row = read_header_row(REVSHARE_FUZZ_HEADER_FILE);
    memory_file = ::memfd_create("revshare-fuzz", 0);
    fuzz::require(memory_file >= 0, "memfd_create");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = write_input(std::string_view(reinterpret_cast<const char*>(data), size));
    const auto format = format_from_name(REVSHARE_FUZZ_FORMAT);
    fuzz::require(format.has_value(), "REVSHARE_FUZZ_FORMAT names a format");
    Diagnostic error;
    const auto reader = ExportReader::open(path, "fuzz.csv", format, error);
    fuzz::require(reader != nullptr, "the real header binds");
    std::int64_t lines = 0;
    std::int64_t rejected = 0;
    UsageRecord line;
    for (;;) {
        const auto status = reader->next(line, error);
        if (status == ExportReader::Status::end) break;
        if (status == ExportReader::Status::rejected) {
            ++rejected;
            fuzz::require(error.location.file == "fuzz.csv", "a rejected row names the file");
            fuzz::require(error.location.line >= 2, "a rejected row names its line (after the header)");
            fuzz::require(!error.message.empty(), "a rejected row has a reason");
            continue;
        }
        ++lines;
        fuzz::require(line.source_line >= 2, "a line carries its source line");
    }
    fuzz::require(reader->rows_read() == lines + rejected, "rows read = lines + rejected");
    return 0;
}
