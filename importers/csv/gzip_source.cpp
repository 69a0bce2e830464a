#include "importers/csv/gzip_source.hpp"

#include "engine/core/error.hpp"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

namespace revshare::importers {
namespace {

constexpr std::size_t input_bytes = 256 * 1024;
constexpr std::uint8_t gzip_magic_first = 0x1f;
constexpr std::uint8_t gzip_magic_second = 0x8b;

std::string inflate_error_reason(int code) {
    switch (code) {
    case ISAL_INCORRECT_CHECKSUM:
        return "checksum mismatch: the content does not match the CRC-32 and length stored in the file";
    case ISAL_INVALID_WRAPPER: return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method (gzip content must be deflate)";
    case ISAL_INVALID_BLOCK: return "invalid compressed data (invalid block)";
    case ISAL_INVALID_SYMBOL: return "invalid compressed data (invalid code)";
    case ISAL_INVALID_LOOKBACK: return "invalid compressed data (distance too far back)";
    default: return "invalid compressed data (ISA-L inflate error " + std::to_string(code) + ")";
    }
}

}  // namespace

GzipFileSource::GzipFileSource(std::unique_ptr<DeliveredFile> owned) : GzipFileSource(*owned) {
    owned_ = std::move(owned);
}

GzipFileSource::GzipFileSource(DeliveredFile& file)
    : file_(file), path_(file.path()), state_(std::make_unique<inflate_state>()), input_(input_bytes) {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;  // parse the gzip header, check CRC-32 and length at the end
    state_->next_in = input_.data();
    state_->avail_in = 0;
}

GzipFileSource::~GzipFileSource() = default;

std::size_t GzipFileSource::read(char* buffer, std::size_t size) {
    if (error_) std::rethrow_exception(error_);
    std::size_t produced = 0;
    try {
        decode(buffer, size, produced);
    } catch (const Error&) {
        error_ = std::current_exception();
        if (produced == 0) throw;
    }
    return produced;  // the error, if any, comes with the next read
}

void GzipFileSource::decode(char* buffer, std::size_t size, std::size_t& produced) {
    while (produced < size && !finished_) {
        if (state_->avail_in == 0) refill(0);
        if (!in_member_ && !begin_member()) {
            finished_ = true;
            break;
        }
        const std::size_t room = std::min<std::size_t>(size - produced, std::numeric_limits<std::uint32_t>::max());
        auto* const out = reinterpret_cast<std::uint8_t*>(buffer + produced);
        state_->next_out = out;
        state_->avail_out = static_cast<std::uint32_t>(room);
        const int result = isal_inflate(state_.get());
        const auto made = static_cast<std::size_t>(state_->next_out - out);
        produced += made;
        // ISAL_END_INPUT: the input ended inside the gzip header; more input continues it.
        if (result != ISAL_DECOMP_OK && result != ISAL_END_INPUT) fail(inflate_error_reason(result));
        if (state_->block_state == ISAL_BLOCK_FINISH) {
            // isal_inflate has checked the trailer and handed back the bytes it read past it.
            in_member_ = false;
            isal_inflate_reset(state_.get());
            state_->crc_flag = ISAL_GZIP;
        } else if (made == 0 && state_->avail_in == 0 && file_ended_) {
            fail("unexpected end of file");
        }
    }
}

bool GzipFileSource::refill(std::size_t kept) {
    // The `kept` unread bytes at next_in move to the front, the file's next bytes follow them.
    std::memmove(input_.data(), state_->next_in, kept);
    std::size_t count = 0;
    if (!file_ended_) {
        count = file_.read(reinterpret_cast<char*>(input_.data()) + kept, input_.size() - kept);
        if (count < input_.size() - kept) file_ended_ = true;  // read() fills all it can: the end
    }
    file_bytes_ += count;
    state_->next_in = input_.data();
    state_->avail_in = static_cast<std::uint32_t>(kept + count);
    return count > 0;
}

bool GzipFileSource::begin_member() {
    // The end of the file at a member boundary is the end of the content (an empty file is an
    // empty content, as zlib read it).
    if (state_->avail_in == 0) return false;
    if (state_->avail_in == 1) refill(1);  // the two-byte magic number may straddle two reads
    const std::uint8_t* next = state_->next_in;
    const bool magic = state_->avail_in >= 2 && next[0] == gzip_magic_first && next[1] == gzip_magic_second;
    const bool magic_cut_short = state_->avail_in == 1 && next[0] == gzip_magic_first;
    if (!magic && !magic_cut_short) {
        if (members_ == 0) {
            throw Error(path_ + ": not a gzip file: the name ends in .gz but the content is not gzip "
                                "(rename it to .csv, or compress it)");
        }
        skip_padding();
        return false;
    }
    ++members_;
    in_member_ = true;
    return true;
}

void GzipFileSource::skip_padding() {
    do {
        const std::uint8_t* next = state_->next_in;
        if (std::any_of(next, next + state_->avail_in, [](std::uint8_t byte) { return byte != 0; })) {
            fail("unexpected bytes after the end of the compressed content");
        }
        state_->avail_in = 0;
    } while (refill(0));
}

void GzipFileSource::fail(const std::string& reason) const {
    throw Error(path_ + ": broken gzip stream: " + reason +
                " (the file is truncated or corrupt; ask for it to be delivered again)");
}

}  // namespace revshare::importers
