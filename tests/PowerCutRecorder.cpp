// An LD_PRELOAD library for tst_cli_powercut: it records every change a process makes to
// the files directly in one directory (VIGIL_POWERCUT_DIR, an absolute path without a
// trailing slash), in one global order, into a log (VIGIL_POWERCUT_LOG): each open, write
// (with its bytes), truncation, close, unlink and rename, and each fsync/fdatasync twice,
// when it is asked for and when it has returned. The test replays the log to build the
// directory as a power cut at any point of it would leave it (PowerCutLog.h).
//
// Why below SQLite and not a VFS: the journal goes through Qt's QSQLITE driver and the
// paper broker through SQLite's C API, both on the system libsqlite3, whose unix VFS calls
// open64, pwrite64, write, ftruncate64, fdatasync, close and unlink through the dynamic
// linker; a preloaded definition of those symbols sees every byte either of them writes
// without touching the code under test, and would see any other writer too. The test
// checks that nothing escaped: the log replayed to its end must equal the files left on
// disk byte for byte. Writes through a shared writable mapping cannot be seen; SQLite only
// maps its -shm index so, which a power cut may leave in any state and SQLite rebuilds from
// the WAL, so the replay leaves it out. Any other such mapping, and writev/pwritev on a
// recorded file, is logged as unsupported and fails the test rather than being missed.
//
// Thread rule: every entry point may be called on any thread of the process; one mutex
// orders the recorded calls (the system call and its log record are made under it, except
// the sync itself, which runs between its two records so that other threads go on).

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "PowerCutFormat.h"

namespace {

using OpenFn = int (*)(const char *, int, ...);
using OpenatFn = int (*)(int, const char *, int, ...);
using WriteFn = ssize_t (*)(int, const void *, size_t);
using PwriteFn = ssize_t (*)(int, const void *, size_t, off_t);
using WritevFn = ssize_t (*)(int, const struct iovec *, int);
using PwritevFn = ssize_t (*)(int, const struct iovec *, int, off_t);
using TruncFn = int (*)(int, off_t);
using SyncFn = int (*)(int);
using CloseFn = int (*)(int);
using UnlinkFn = int (*)(const char *);
using UnlinkatFn = int (*)(int, const char *, int);
using RenameFn = int (*)(const char *, const char *);
using RenameatFn = int (*)(int, const char *, int, const char *);
using Renameat2Fn = int (*)(int, const char *, int, const char *, unsigned);
using MmapFn = void *(*)(void *, size_t, int, int, int, off_t);

template<typename F> F real(const char *name) { return reinterpret_cast<F>(dlsym(RTLD_NEXT, name)); }

struct Real {
    OpenFn open = real<OpenFn>("open");
    OpenFn open64 = real<OpenFn>("open64");
    OpenatFn openat = real<OpenatFn>("openat");
    OpenatFn openat64 = real<OpenatFn>("openat64");
    WriteFn write = real<WriteFn>("write");
    PwriteFn pwrite = real<PwriteFn>("pwrite");
    PwriteFn pwrite64 = real<PwriteFn>("pwrite64");
    WritevFn writev = real<WritevFn>("writev");
    PwritevFn pwritev = real<PwritevFn>("pwritev");
    TruncFn ftruncate = real<TruncFn>("ftruncate");
    TruncFn ftruncate64 = real<TruncFn>("ftruncate64");
    SyncFn fsync = real<SyncFn>("fsync");
    SyncFn fdatasync = real<SyncFn>("fdatasync");
    CloseFn close = real<CloseFn>("close");
    UnlinkFn unlink = real<UnlinkFn>("unlink");
    UnlinkatFn unlinkat = real<UnlinkatFn>("unlinkat");
    RenameFn rename = real<RenameFn>("rename");
    RenameatFn renameat = real<RenameatFn>("renameat");
    Renameat2Fn renameat2 = real<Renameat2Fn>("renameat2");
    MmapFn mmap = real<MmapFn>("mmap");
    MmapFn mmap64 = real<MmapFn>("mmap64");
};

const Real &fns()
{
    static const Real r;
    return r;
}

constexpr int kMaxFd = 1 << 16;

struct State {
    std::mutex mutex;
    char dir[4096] = {};
    std::size_t dirLength = 0;
    int log = -1;
    std::uint32_t nextSync = 0;
    std::atomic<bool> watched[kMaxFd] = {};
    bool append[kMaxFd] = {};
    bool active = false;

    State()
    {
        const char *d = std::getenv("VIGIL_POWERCUT_DIR");
        const char *l = std::getenv("VIGIL_POWERCUT_LOG");
        if (!d || !l || std::strlen(d) + 1 >= sizeof dir)
            return;
        std::strcpy(dir, d);
        dirLength = std::strlen(dir);
        log = fns().open(l, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        active = log >= 0;
    }
};

State &state()
{
    static State s;
    return s;
}

/// The name of `path` inside the recorded directory ("" for the directory itself), or
/// nullptr when it is elsewhere. Relative paths are taken from the working directory.
const char *nameIn(const char *path, char *buffer, std::size_t size)
{
    State &s = state();
    if (!s.active || !path)
        return nullptr;
    if (path[0] != '/') {
        if (!getcwd(buffer, size))
            return nullptr;
        const std::size_t n = std::strlen(buffer);
        if (n + 1 + std::strlen(path) + 1 > size)
            return nullptr;
        buffer[n] = '/';
        std::strcpy(buffer + n + 1, path);
        path = buffer;
    }
    if (std::strncmp(path, s.dir, s.dirLength) != 0)
        return nullptr;
    const char *rest = path + s.dirLength;
    if (*rest == '\0')
        return rest;
    if (*rest != '/' || std::strchr(rest + 1, '/'))
        return nullptr; // a subdirectory's files (logs, backups) are not recorded
    return rest + 1;
}

/// Appends one record (under the mutex). A log that cannot be written ends the process:
/// a recording with a hole in it would prove nothing.
void emit(powercut::Op op, int fd, std::uint64_t a, std::uint64_t b, const char *name, const char *name2,
          const void *data, std::size_t length)
{
    State &s = state();
    powercut::Header h{};
    h.op = static_cast<std::uint32_t>(op);
    h.pid = static_cast<std::uint32_t>(getpid());
    h.fd = fd;
    h.a = a;
    h.b = b;
    h.nameLength = name ? static_cast<std::uint32_t>(std::strlen(name)) : 0;
    h.name2Length = name2 ? static_cast<std::uint32_t>(std::strlen(name2)) : 0;
    h.dataLength = length;
    iovec parts[4] = {{&h, sizeof h},
                      {const_cast<char *>(name ? name : ""), h.nameLength},
                      {const_cast<char *>(name2 ? name2 : ""), h.name2Length},
                      {const_cast<void *>(data), length}};
    std::size_t total = sizeof h + h.nameLength + h.name2Length + length;
    // One writev: an O_APPEND write lands whole, after any other process's records.
    const ssize_t n = fns().writev(s.log, parts, 4);
    if (n < 0 || static_cast<std::size_t>(n) != total)
        std::abort();
}

bool isWatched(int fd) { return fd >= 0 && fd < kMaxFd && state().watched[fd].load(std::memory_order_acquire); }

int recordOpen(int fd, int flags, bool existed, const char *name)
{
    State &s = state();
    if (fd < 0 || fd >= kMaxFd)
        return fd;
    if ((flags & O_TMPFILE) == O_TMPFILE) { // a file without a name yet, in the directory opened
        if (!*name)
            emit(powercut::Op::Unsupported, fd, 0, 0, "O_TMPFILE in the recorded directory", nullptr, nullptr, 0);
        return fd; // in a subdirectory (QSaveFile's reports): not recorded
    }
    struct stat st {};
    if (*name && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
        return fd; // a subdirectory: its files are not recorded
    s.watched[fd].store(true, std::memory_order_release);
    s.append[fd] = (flags & O_APPEND) != 0;
    emit(powercut::Op::Open, fd, existed ? 0 : 1, 0, name, nullptr, nullptr, 0);
    if (existed && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY)
        emit(powercut::Op::Truncate, fd, 0, 0, nullptr, nullptr, nullptr, 0);
    return fd;
}

template<typename Call> int opening(const char *path, int flags, Call call)
{
    char buffer[4096];
    const char *name = nameIn(path, buffer, sizeof buffer);
    if (!name)
        return call();
    State &s = state();
    std::lock_guard lock(s.mutex);
    struct stat st {};
    const bool existed = stat(path, &st) == 0;
    const int fd = call();
    const int saved = errno;
    recordOpen(fd, flags, existed, name);
    errno = saved;
    return fd;
}

mode_t modeOf(int flags, va_list args)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? static_cast<mode_t>(va_arg(args, int)) : 0;
}

ssize_t writing(int fd, const void *data, std::size_t length, off_t offset, bool positioned, PwriteFn pwriteFn,
                WriteFn writeFn)
{
    if (!isWatched(fd))
        return positioned ? pwriteFn(fd, data, length, offset) : writeFn(fd, data, length);
    State &s = state();
    std::lock_guard lock(s.mutex);
    off_t at = offset;
    if (!positioned) {
        struct stat st {};
        at = s.append[fd] ? (fstat(fd, &st) == 0 ? st.st_size : -1) : lseek(fd, 0, SEEK_CUR);
    }
    const ssize_t n = positioned ? pwriteFn(fd, data, length, offset) : writeFn(fd, data, length);
    const int saved = errno;
    if (n > 0 && at >= 0)
        emit(powercut::Op::Write, fd, static_cast<std::uint64_t>(at), 0, nullptr, nullptr, data,
             static_cast<std::size_t>(n));
    else if (n > 0)
        emit(powercut::Op::Unsupported, fd, 0, 0, "write at an unknown offset", nullptr, nullptr, 0);
    errno = saved;
    return n;
}

int truncating(int fd, off_t size, TruncFn fn)
{
    if (!isWatched(fd))
        return fn(fd, size);
    State &s = state();
    std::lock_guard lock(s.mutex);
    const int r = fn(fd, size);
    const int saved = errno;
    if (r == 0)
        emit(powercut::Op::Truncate, fd, static_cast<std::uint64_t>(size), 0, nullptr, nullptr, nullptr, 0);
    errno = saved;
    return r;
}

int syncing(int fd, SyncFn fn)
{
    if (!isWatched(fd))
        return fn(fd);
    State &s = state();
    std::uint32_t id;
    {
        std::lock_guard lock(s.mutex);
        id = ++s.nextSync;
        emit(powercut::Op::SyncStart, fd, id, 0, nullptr, nullptr, nullptr, 0);
    }
    const int r = fn(fd);
    const int saved = errno;
    {
        std::lock_guard lock(s.mutex);
        emit(powercut::Op::SyncEnd, fd, id, r == 0 ? 0 : 1, nullptr, nullptr, nullptr, 0);
    }
    errno = saved;
    return r;
}

int renaming(const char *from, const char *to, int (*call)(void *), void *context)
{
    char a[4096], b[4096];
    const char *fromName = nameIn(from, a, sizeof a);
    const char *toName = nameIn(to, b, sizeof b);
    if (!fromName && !toName)
        return call(context);
    State &s = state();
    std::lock_guard lock(s.mutex);
    const int r = call(context);
    const int saved = errno;
    if (r == 0)
        emit(fromName && toName ? powercut::Op::Rename : powercut::Op::Unsupported, -1, 0, 0,
             fromName ? fromName : "rename across the recorded directory", toName, nullptr, 0);
    errno = saved;
    return r;
}

int unlinking(const char *path, int (*call)(void *), void *context)
{
    char buffer[4096];
    const char *name = nameIn(path, buffer, sizeof buffer);
    if (!name)
        return call(context);
    State &s = state();
    std::lock_guard lock(s.mutex);
    const int r = call(context);
    const int saved = errno;
    if (r == 0)
        emit(powercut::Op::Unlink, -1, 0, 0, name, nullptr, nullptr, 0);
    errno = saved;
    return r;
}

void *mapping(void *address, std::size_t length, int protection, int flags, int fd, off_t offset, MmapFn fn)
{
    if (isWatched(fd) && (protection & PROT_WRITE) && (flags & MAP_SHARED)) {
        State &s = state();
        std::lock_guard lock(s.mutex);
        emit(powercut::Op::SharedMap, fd, 0, 0, nullptr, nullptr, nullptr, 0);
    }
    return fn(address, length, protection, flags, fd, offset);
}

} // namespace

extern "C" {

int open(const char *path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    return opening(path, flags, [&] { return fns().open(path, flags, mode); });
}

int open64(const char *path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    return opening(path, flags, [&] { return fns().open64(path, flags, mode); });
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    if (dirfd != AT_FDCWD && path && path[0] != '/') // relative to another directory: not ours to resolve
        return fns().openat(dirfd, path, flags, mode);
    return opening(path, flags, [&] { return fns().openat(dirfd, path, flags, mode); });
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    if (dirfd != AT_FDCWD && path && path[0] != '/')
        return fns().openat64(dirfd, path, flags, mode);
    return opening(path, flags, [&] { return fns().openat64(dirfd, path, flags, mode); });
}

int creat(const char *path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }

int creat64(const char *path, mode_t mode) { return open64(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }

ssize_t write(int fd, const void *data, size_t length)
{
    return writing(fd, data, length, 0, false, fns().pwrite, fns().write);
}

ssize_t pwrite(int fd, const void *data, size_t length, off_t offset)
{
    return writing(fd, data, length, offset, true, fns().pwrite, fns().write);
}

ssize_t pwrite64(int fd, const void *data, size_t length, off_t offset)
{
    return writing(fd, data, length, offset, true, fns().pwrite64, fns().write);
}

ssize_t writev(int fd, const struct iovec *parts, int count)
{
    if (isWatched(fd)) {
        State &s = state();
        std::lock_guard lock(s.mutex);
        emit(powercut::Op::Unsupported, fd, 0, 0, "writev", nullptr, nullptr, 0);
    }
    return fns().writev(fd, parts, count);
}

ssize_t pwritev(int fd, const struct iovec *parts, int count, off_t offset)
{
    if (isWatched(fd)) {
        State &s = state();
        std::lock_guard lock(s.mutex);
        emit(powercut::Op::Unsupported, fd, 0, 0, "pwritev", nullptr, nullptr, 0);
    }
    return fns().pwritev(fd, parts, count, offset);
}

int ftruncate(int fd, off_t size) { return truncating(fd, size, fns().ftruncate); }

int ftruncate64(int fd, off_t size) { return truncating(fd, size, fns().ftruncate64); }

int fsync(int fd) { return syncing(fd, fns().fsync); }

int fdatasync(int fd) { return syncing(fd, fns().fdatasync); }

int close(int fd)
{
    if (!isWatched(fd))
        return fns().close(fd);
    State &s = state();
    std::lock_guard lock(s.mutex);
    s.watched[fd].store(false, std::memory_order_release);
    emit(powercut::Op::Close, fd, 0, 0, nullptr, nullptr, nullptr, 0);
    return fns().close(fd);
}

int unlink(const char *path)
{
    struct Args {
        const char *path;
    } args{path};
    return unlinking(
        path, [](void *c) { return fns().unlink(static_cast<Args *>(c)->path); }, &args);
}

int unlinkat(int dirfd, const char *path, int flags)
{
    if (dirfd != AT_FDCWD && path[0] != '/')
        return fns().unlinkat(dirfd, path, flags);
    struct Args {
        int dirfd;
        const char *path;
        int flags;
    } args{dirfd, path, flags};
    return unlinking(
        path,
        [](void *c) {
            auto *a = static_cast<Args *>(c);
            return fns().unlinkat(a->dirfd, a->path, a->flags);
        },
        &args);
}

int rename(const char *from, const char *to)
{
    struct Args {
        const char *from, *to;
    } args{from, to};
    return renaming(
        from, to,
        [](void *c) {
            auto *a = static_cast<Args *>(c);
            return fns().rename(a->from, a->to);
        },
        &args);
}

int renameat(int fromDir, const char *from, int toDir, const char *to)
{
    if ((fromDir != AT_FDCWD && from && from[0] != '/') || (toDir != AT_FDCWD && to && to[0] != '/'))
        return fns().renameat(fromDir, from, toDir, to);
    struct Args {
        int fromDir;
        const char *from;
        int toDir;
        const char *to;
    } args{fromDir, from, toDir, to};
    return renaming(
        from, to,
        [](void *c) {
            auto *a = static_cast<Args *>(c);
            return fns().renameat(a->fromDir, a->from, a->toDir, a->to);
        },
        &args);
}

int renameat2(int fromDir, const char *from, int toDir, const char *to, unsigned flags)
{
    if ((fromDir != AT_FDCWD && from && from[0] != '/') || (toDir != AT_FDCWD && to && to[0] != '/'))
        return fns().renameat2(fromDir, from, toDir, to, flags);
    struct Args {
        int fromDir;
        const char *from;
        int toDir;
        const char *to;
        unsigned flags;
    } args{fromDir, from, toDir, to, flags};
    return renaming(
        from, to,
        [](void *c) {
            auto *a = static_cast<Args *>(c);
            return fns().renameat2(a->fromDir, a->from, a->toDir, a->to, a->flags);
        },
        &args);
}

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
    return mapping(address, length, protection, flags, fd, offset, fns().mmap);
}

void *mmap64(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
    return mapping(address, length, protection, flags, fd, offset, fns().mmap64);
}

} // extern "C"
