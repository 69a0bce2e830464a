#include "importers/csv/gzip_writer.hpp"

#include "engine/core/error.hpp"

#include <isa-l/igzip_lib.h>

#include <cerrno>
#include <cstring>
#include <limits>

namespace revshare::importers {
namespace {

constexpr std::size_t chunk_bytes = 1 << 20;

[[noreturn]] void throw_write_error(const std::filesystem::path& target, int error_number) {
    throw Error("cannot write " + target.string() + ": " + std::strerror(error_number) + " (is the disk full?)");
}

}  // namespace

GzipWriter::GzipWriter(const std::filesystem::path& target)
    : target_(target), stream_(std::make_unique<isal_zstream>()), level_buffer_(ISAL_DEF_LVL1_DEFAULT),
      output_(chunk_bytes) {
    file_ = std::fopen(target.c_str(), "wb");
    if (file_ == nullptr) throw Error("cannot write " + target.string() + ": " + std::strerror(errno));
    // isal_zstream holds about 130 KB of state: on the heap, with level 1's hash buffer.
    isal_deflate_init(stream_.get());
    stream_->level = 1;
    stream_->level_buf = level_buffer_.data();
    stream_->level_buf_size = static_cast<std::uint32_t>(level_buffer_.size());
    stream_->gzip_flag = IGZIP_GZIP;  // gzip header and CRC-32 + length trailer
}

GzipWriter::~GzipWriter() {
    if (file_ != nullptr) std::fclose(file_);
}

void GzipWriter::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const std::size_t piece = std::min<std::size_t>(bytes.size(), std::numeric_limits<std::uint32_t>::max());
        deflate(bytes.substr(0, piece), false);
        bytes.remove_prefix(piece);
    }
}

void GzipWriter::finish() {
    deflate({}, true);
    std::FILE* const file = file_;
    file_ = nullptr;
    if (std::fclose(file) != 0) throw_write_error(target_, errno);
}

void GzipWriter::deflate(std::string_view bytes, bool end) {
    // isal_deflate reads its input only: the cast drops a const it never uses.
    stream_->next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(bytes.data()));
    stream_->avail_in = static_cast<std::uint32_t>(bytes.size());
    stream_->end_of_stream = end ? 1 : 0;
    do {
        stream_->next_out = output_.data();
        stream_->avail_out = static_cast<std::uint32_t>(output_.size());
        const int result = isal_deflate(stream_.get());
        // Only a wrong level or buffer (a programming error) makes isal_deflate fail.
        if (result != COMP_OK) throw Error("cannot compress into " + target_.string() + ": ISA-L error " + std::to_string(result));
        const std::size_t count = output_.size() - stream_->avail_out;
        if (std::fwrite(output_.data(), 1, count, file_) != count) throw_write_error(target_, errno);
    } while (stream_->avail_in > 0 || stream_->avail_out == 0 || (end && stream_->internal_state.state != ZSTATE_END));
}

void write_gzip_file(const std::filesystem::path& source, const std::filesystem::path& target) {
    std::FILE* const in = std::fopen(source.c_str(), "rb");
    if (in == nullptr) throw Error("cannot read " + source.string() + ": " + std::strerror(errno));
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(in, &std::fclose);
    GzipWriter writer(target);
    std::vector<char> input(chunk_bytes);
    for (;;) {
        const std::size_t count = std::fread(input.data(), 1, input.size(), in);
        if (std::ferror(in)) throw Error("cannot read " + source.string() + ": " + std::strerror(errno));
        writer.write(std::string_view(input.data(), count));
        if (count < input.size()) break;
    }
    writer.finish();
}

}  // namespace revshare::importers
