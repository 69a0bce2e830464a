#include "importers/csv/gzip_writer.hpp"

#include "engine/core/error.hpp"

#include <isa-l/igzip_lib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace revshare::importers {
namespace {

constexpr std::size_t chunk_bytes = 1 << 20;

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FileHandle = std::unique_ptr<std::FILE, FileCloser>;

FileHandle open_file(const std::filesystem::path& path, const char* mode, const char* action) {
    FileHandle file(std::fopen(path.c_str(), mode));
    if (!file) throw Error("cannot " + std::string(action) + " " + path.string() + ": " + std::strerror(errno));
    return file;
}

[[noreturn]] void throw_write_error(const std::filesystem::path& target, int error_number) {
    throw Error("cannot write " + target.string() + ": " + std::strerror(error_number) + " (is the disk full?)");
}

}  // namespace

void write_gzip_file(const std::filesystem::path& source, const std::filesystem::path& target) {
    const FileHandle in = open_file(source, "rb", "read");
    FileHandle out = open_file(target, "wb", "write");
    // isal_zstream holds about 130 KB of state: on the heap, with level 1's hash buffer.
    auto stream = std::make_unique<isal_zstream>();
    isal_deflate_init(stream.get());
    std::vector<std::uint8_t> level_buffer(ISAL_DEF_LVL1_DEFAULT);
    stream->level = 1;
    stream->level_buf = level_buffer.data();
    stream->level_buf_size = static_cast<std::uint32_t>(level_buffer.size());
    stream->gzip_flag = IGZIP_GZIP;  // gzip header and CRC-32 + length trailer

    std::vector<std::uint8_t> input(chunk_bytes);
    std::vector<std::uint8_t> output(chunk_bytes);
    do {
        stream->avail_in = static_cast<std::uint32_t>(std::fread(input.data(), 1, input.size(), in.get()));
        if (std::ferror(in.get())) throw Error("cannot read " + source.string() + ": " + std::strerror(errno));
        stream->end_of_stream = std::feof(in.get()) ? 1 : 0;
        stream->next_in = input.data();
        do {
            stream->next_out = output.data();
            stream->avail_out = static_cast<std::uint32_t>(output.size());
            const int result = isal_deflate(stream.get());
            // Only a wrong level or buffer (a programming error) makes isal_deflate fail.
            if (result != COMP_OK) throw Error("cannot compress " + source.string() + ": ISA-L error " + std::to_string(result));
            const std::size_t count = output.size() - stream->avail_out;
            if (std::fwrite(output.data(), 1, count, out.get()) != count) throw_write_error(target, errno);
        } while (stream->avail_out == 0);
    } while (stream->internal_state.state != ZSTATE_END);
    if (std::fclose(out.release()) != 0) throw_write_error(target, errno);
}

}  // namespace revshare::importers
