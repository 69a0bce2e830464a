#include "schema/read_ahead_vfs.hpp"

#include "engine/core/assert.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <new>

namespace revshare::schema {

ReadAheadWindow::Range ReadAheadWindow::read(std::int64_t offset, std::int64_t length) {
    const std::int64_t end = offset + length;
    const std::int64_t previous_end = furthest_end_;
    if (end <= previous_end) return {};  // back, or the same again: a lookup elsewhere
    furthest_end_ = end;
    if (previous_end < 0 || offset - previous_end > max_step) return {};  // a first read, or a jump
    if (asked_end_ - end >= window / 2) return {};
    const std::int64_t from = std::max(asked_end_, end);
    asked_end_ = end + window;
    return {from, asked_end_ - from};
}

namespace {

constexpr const char* vfs_name = "revshare-read-ahead";
sqlite3_vfs* base_vfs = nullptr;  // the default VFS, set once by read_ahead_vfs()

// Our file, and the default VFS's right after it (szOsFile covers both).
struct ReadAheadFile {
    sqlite3_file file;              // first: SQLite sees this
    sqlite3_file* real = nullptr;   // the default VFS's file
    int advice_fd = -1;             // the main database file, read-only, for posix_fadvise; else -1
    ReadAheadWindow window;
};
// SQLite's allocations are 8-byte aligned, and so the default VFS's file after ours.
constexpr std::size_t real_offset = (sizeof(ReadAheadFile) + 7) / 8 * 8;

ReadAheadFile& ours(sqlite3_file* file) { return *reinterpret_cast<ReadAheadFile*>(file); }
sqlite3_file* real(sqlite3_file* file) { return ours(file).real; }

int close_file(sqlite3_file* file) {
    ReadAheadFile& self = ours(file);
    const int result = self.real->pMethods->xClose(self.real);
    if (self.advice_fd >= 0) ::close(self.advice_fd);
    self.~ReadAheadFile();
    return result;
}

int read_file(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    ReadAheadFile& self = ours(file);
    if (self.advice_fd >= 0) {
        const ReadAheadWindow::Range ask = self.window.read(offset, amount);
        // Only a hint: SQLite's read below reads what it needs whatever became of it.
        if (ask.length > 0) (void)::posix_fadvise(self.advice_fd, ask.offset, ask.length, POSIX_FADV_WILLNEED);
    }
    return self.real->pMethods->xRead(self.real, buffer, amount, offset);
}

// Every other method as the default VFS's file does it.
const sqlite3_io_methods read_ahead_methods = {
    3,
    close_file,
    read_file,
    [](sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) { return real(f)->pMethods->xWrite(real(f), data, amount, offset); },
    [](sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); },
    [](sqlite3_file* f, int flags) { return real(f)->pMethods->xSync(real(f), flags); },
    [](sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xLock(real(f), lock); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xUnlock(real(f), lock); },
    [](sqlite3_file* f, int* reserved) { return real(f)->pMethods->xCheckReservedLock(real(f), reserved); },
    [](sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); },
    [](sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); },
    [](sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); },
    [](sqlite3_file* f, int page, int size, int extend, void volatile** memory) {
        return real(f)->pMethods->xShmMap(real(f), page, size, extend, memory);
    },
    [](sqlite3_file* f, int offset, int n, int flags) { return real(f)->pMethods->xShmLock(real(f), offset, n, flags); },
    [](sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); },
    [](sqlite3_file* f, int remove) { return real(f)->pMethods->xShmUnmap(real(f), remove); },
    [](sqlite3_file* f, sqlite3_int64 offset, int amount, void** page) { return real(f)->pMethods->xFetch(real(f), offset, amount, page); },
    [](sqlite3_file* f, sqlite3_int64 offset, void* page) { return real(f)->pMethods->xUnfetch(real(f), offset, page); },
};

int open_file(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* self = new (file) ReadAheadFile;
    self->file.pMethods = nullptr;  // until the default VFS has opened it: SQLite then closes nothing
    self->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + real_offset);
    const int result = base_vfs->xOpen(base_vfs, name, self->real, flags, out_flags);
    if (result != SQLITE_OK) {
        if (self->real->pMethods != nullptr) self->real->pMethods->xClose(self->real);
        self->~ReadAheadFile();
        return result;
    }
    ENGINE_ASSERT(self->real->pMethods->iVersion >= 3);  // every method forwarded above exists
    if (name != nullptr && (flags & SQLITE_OPEN_MAIN_DB) != 0) self->advice_fd = ::open(name, O_RDONLY | O_CLOEXEC);
    self->file.pMethods = &read_ahead_methods;
    return SQLITE_OK;
}

sqlite3_vfs make_vfs(sqlite3_vfs* base) {
    sqlite3_vfs vfs{};
    vfs.iVersion = 3;
    vfs.szOsFile = static_cast<int>(real_offset) + base->szOsFile;
    vfs.mxPathname = base->mxPathname;
    vfs.zName = vfs_name;
    vfs.xOpen = open_file;
    vfs.xDelete = [](sqlite3_vfs*, const char* name, int sync) { return base_vfs->xDelete(base_vfs, name, sync); };
    vfs.xAccess = [](sqlite3_vfs*, const char* name, int flags, int* out) { return base_vfs->xAccess(base_vfs, name, flags, out); };
    vfs.xFullPathname = [](sqlite3_vfs*, const char* name, int size, char* out) {
        return base_vfs->xFullPathname(base_vfs, name, size, out);
    };
    vfs.xDlOpen = [](sqlite3_vfs*, const char* name) { return base_vfs->xDlOpen(base_vfs, name); };
    vfs.xDlError = [](sqlite3_vfs*, int size, char* out) { base_vfs->xDlError(base_vfs, size, out); };
    vfs.xDlSym = [](sqlite3_vfs*, void* handle, const char* symbol) { return base_vfs->xDlSym(base_vfs, handle, symbol); };
    vfs.xDlClose = [](sqlite3_vfs*, void* handle) { base_vfs->xDlClose(base_vfs, handle); };
    vfs.xRandomness = [](sqlite3_vfs*, int size, char* out) { return base_vfs->xRandomness(base_vfs, size, out); };
    vfs.xSleep = [](sqlite3_vfs*, int microseconds) { return base_vfs->xSleep(base_vfs, microseconds); };
    // SQLite's clock as a Julian day number (its VFS interface; no money here).
    vfs.xCurrentTime = [](sqlite3_vfs*, double* out) { return base_vfs->xCurrentTime(base_vfs, out); };
    vfs.xGetLastError = [](sqlite3_vfs*, int size, char* out) { return base_vfs->xGetLastError(base_vfs, size, out); };
    vfs.xCurrentTimeInt64 = [](sqlite3_vfs*, sqlite3_int64* out) { return base_vfs->xCurrentTimeInt64(base_vfs, out); };
    vfs.xSetSystemCall = [](sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
        return base_vfs->xSetSystemCall(base_vfs, name, call);
    };
    vfs.xGetSystemCall = [](sqlite3_vfs*, const char* name) { return base_vfs->xGetSystemCall(base_vfs, name); };
    vfs.xNextSystemCall = [](sqlite3_vfs*, const char* name) { return base_vfs->xNextSystemCall(base_vfs, name); };
    return vfs;
}

}  // namespace

const char* read_ahead_vfs() {
    static std::once_flag registered;
    static sqlite3_vfs vfs{};
    std::call_once(registered, [] {
        base_vfs = sqlite3_vfs_find(nullptr);
        ENGINE_ASSERT(base_vfs != nullptr && base_vfs->iVersion >= 3);  // the unix VFS is version 3
        vfs = make_vfs(base_vfs);
        const int result = sqlite3_vfs_register(&vfs, 0);  // not the default
        ENGINE_ASSERT(result == SQLITE_OK);
    });
    return vfs_name;
}

}  // namespace revshare::schema
