#pragma once
// Reads the power-cut recorder's log (PowerCutRecorder.cpp) and rebuilds the recorded
// directory as a power cut at any point of it would leave it. One thread.
//
// The model of a power cut at event K (the events before K happened, none after):
// - a file's content is durable up to its last completed sync: the state it had when the
//   last fsync/fdatasync on it that returned before K was called;
// - what was written (or truncated) since may have reached the disk or not, 4 KiB block by
//   block: in a Strict cut none of it did; in a Torn cut each block independently holds its
//   content as of some moment between that sync and the cut (the page cache writes a dirty
//   block back whenever it likes; a block written back holds everything written to it
//   until then), and the file's size is likewise its size at one such moment;
// - names (creating, unlinking, renaming a file) are durable once the directory has been
//   synced after them (SQLite syncs its directory when it creates a WAL or a rollback
//   journal). Since the last such sync, a Strict cut keeps none of them; a Torn cut keeps
//   the first few in their order (a journaling file system commits them in order);
// - SQLite's -shm index lives in shared memory and is rebuilt from the WAL on the first
//   open after a crash: the rebuilt directory has none.
// Only the SQLite files (*.sqlite, *.sqlite-wal, *.sqlite-journal) are rebuilt.
//
// The log also says when each database acknowledged a commit: the recorder sees the WAL
// frame that ends a transaction (its "database size after commit" field is set) and the
// next thing that happens to that WAL: with synchronous=FULL the sync that makes it durable
// (the commit returns when it has), without it the next transaction's first write. A commit
// acknowledged before a cut is one its writer was told had been made.

#include "PowerCutFormat.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace vigil::testing::powercut {

using ::powercut::Header;
using ::powercut::Op;

constexpr std::uint64_t kBlock = 4096;

struct Event {
    Op op = Op::Open;
    std::uint32_t pid = 0;
    int fd = -1;
    std::uint64_t a = 0, b = 0;
    std::string name, name2;
    const char *data = nullptr;
    std::uint64_t length = 0;
    // Resolved by Log::load():
    int inode = -1;         ///< the file this event acts on (for Open: the one it opened)
    bool directory = false; ///< a sync of the directory itself
};

/// When a commit counts as acknowledged: when it returned to its writer (the next thing the
/// writer did to the WAL after the commit frame: the sync it waited for, or the next write
/// when it waited for none), or once a completed sync covered it, whoever asked for it.
enum class Ack { Returned, Synced };

inline bool rebuilt(const std::string &name)
{
    auto endsWith = [&](const char *suffix) {
        const std::size_t n = std::strlen(suffix);
        return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
    };
    return endsWith(".sqlite") || endsWith(".sqlite-wal") || endsWith(".sqlite-journal");
}

class Log {
public:
    /// Reads and resolves the log; an empty string, or why it cannot be replayed.
    QString load(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read the log %1").arg(path);
        m_bytes = file.readAll();
        const char *p = m_bytes.constData();
        const char *end = p + m_bytes.size();
        while (p < end) {
            Header h;
            if (end - p < static_cast<std::ptrdiff_t>(sizeof h))
                return QStringLiteral("the log ends inside a record");
            std::memcpy(&h, p, sizeof h);
            p += sizeof h;
            const std::uint64_t rest = std::uint64_t{h.nameLength} + h.name2Length + h.dataLength;
            if (static_cast<std::uint64_t>(end - p) < rest)
                return QStringLiteral("the log ends inside a record");
            Event e;
            e.op = static_cast<Op>(h.op);
            e.pid = h.pid;
            e.fd = h.fd;
            e.a = h.a;
            e.b = h.b;
            e.name.assign(p, h.nameLength);
            p += h.nameLength;
            e.name2.assign(p, h.name2Length);
            p += h.name2Length;
            e.data = p;
            e.length = h.dataLength;
            p += h.dataLength;
            m_events.push_back(std::move(e));
        }
        return resolve();
    }

    const std::vector<Event> &events() const { return m_events; }
    std::size_t inodes() const { return m_inodeNames.size(); }
    /// The name a file was created under.
    const std::string &createdAs(int inode) const { return m_inodeNames[static_cast<std::size_t>(inode)]; }
    /// For each database ("journal.sqlite"), the points of the log at which it had
    /// acknowledged a commit: the files as they stood before event i (ascending).
    const std::map<std::string, std::vector<std::size_t>> &acknowledgements(Ack kind) const
    {
        static const std::map<std::string, std::vector<std::size_t>> none;
        const auto it = m_acks.find(kind);
        return it == m_acks.end() ? none : it->second;
    }
    /// The latest acknowledgement of `database` at or before `cut` (nullopt: none yet).
    std::optional<std::size_t> acknowledgedBy(Ack kind, const std::string &database, std::size_t cut) const
    {
        const auto &all = acknowledgements(kind);
        const auto it = all.find(database);
        if (it == all.end())
            return std::nullopt;
        const auto after = std::upper_bound(it->second.begin(), it->second.end(), cut);
        if (after == it->second.begin())
            return std::nullopt;
        return *(after - 1);
    }
    /// Syncs that completed, per file name, for the report.
    std::map<std::string, int> syncsByName() const
    {
        std::map<std::string, int> out;
        for (const Event &e : m_events)
            if (e.op == Op::SyncEnd && e.b == 0)
                ++out[e.directory ? std::string("(directory)") : createdAs(e.inode)];
        return out;
    }

private:
    QString resolve()
    {
        std::map<std::pair<std::uint32_t, int>, int> fds; // (pid, fd) -> inode, -2 for the directory
        std::map<std::string, int> names;
        struct Wal {
            std::uint32_t pageSize = 0;
            std::uint64_t commitEnd = 0; ///< where the last commit frame ends (its page follows its header)
            std::size_t commitDone = 0;  ///< the event that wrote its last byte
            bool returning = false;      ///< its commit has not yet returned
            std::uint64_t syncing = 0;   ///< the sync its commit waits for
            bool unsynced = false;       ///< no sync has covered it yet
            std::map<std::uint64_t, std::size_t> syncStarts;
        };
        std::map<int, Wal> wals;
        for (std::size_t i = 0; i < m_events.size(); ++i) {
            Event &e = m_events[i];
            const auto fd = fds.find({e.pid, e.fd});
            switch (e.op) {
            case Op::Open:
                if (e.name.empty()) {
                    fds[{e.pid, e.fd}] = -2;
                    break;
                }
                if (e.a == 1 || !names.count(e.name)) {
                    if (e.a != 1)
                        return QStringLiteral("%1 existed before the recording started")
                            .arg(QString::fromStdString(e.name));
                    names[e.name] = static_cast<int>(m_inodeNames.size());
                    m_inodeNames.push_back(e.name);
                }
                e.inode = names[e.name];
                fds[{e.pid, e.fd}] = e.inode;
                break;
            case Op::Close:
                if (fd != fds.end())
                    fds.erase(fd);
                break;
            case Op::Unlink:
                if (!names.count(e.name))
                    return QStringLiteral("unlink of %1, never created").arg(QString::fromStdString(e.name));
                e.inode = names[e.name];
                names.erase(e.name);
                break;
            case Op::Rename:
                if (!names.count(e.name))
                    return QStringLiteral("rename of %1, never created").arg(QString::fromStdString(e.name));
                e.inode = names[e.name];
                names.erase(e.name);
                names[e.name2] = e.inode;
                break;
            case Op::Unsupported:
                return QStringLiteral("event %1: the recorder could not follow: %2")
                    .arg(i)
                    .arg(QString::fromStdString(e.name));
            case Op::SharedMap:
            case Op::Write:
            case Op::Truncate:
            case Op::SyncStart:
            case Op::SyncEnd:
                if (fd == fds.end())
                    return QStringLiteral("event %1 on a descriptor never opened").arg(i);
                e.directory = fd->second == -2;
                e.inode = fd->second;
                if (e.op == Op::SharedMap && (e.directory || !createdAs(e.inode).ends_with("-shm")))
                    return QStringLiteral("%1 was mapped shared and writable: its writes cannot be recorded")
                        .arg(QString::fromStdString(e.directory ? std::string(".") : createdAs(e.inode)));
                if (e.directory && e.op != Op::SyncStart && e.op != Op::SyncEnd)
                    return QStringLiteral("event %1 writes to the directory").arg(i);
                break;
            }
            if (e.inode < 0 || !createdAs(e.inode).ends_with(".sqlite-wal"))
                continue;
            // Acknowledgements: see the comment at the top.
            Wal &w = wals[e.inode];
            const std::string database = createdAs(e.inode).substr(0, createdAs(e.inode).size() - 4);
            const bool commitFrame = e.op == Op::Write && e.a != 0 && e.a < w.commitEnd;
            if (w.returning && e.op != Op::Open && !commitFrame) {
                if (e.op == Op::SyncStart) {
                    w.syncing = e.a;
                } else if (e.op == Op::SyncEnd && w.syncing == e.a) {
                    if (e.b == 0) // a failed sync acknowledges nothing
                        m_acks[Ack::Returned][database].push_back(i + 1);
                    w.returning = false;
                    w.syncing = 0;
                } else if (e.op != Op::SyncEnd) {
                    m_acks[Ack::Returned][database].push_back(i);
                    w.returning = false;
                    w.syncing = 0;
                }
            }
            if (e.op == Op::SyncStart) {
                w.syncStarts[e.a] = i;
            } else if (e.op == Op::SyncEnd && w.syncStarts.count(e.a)) {
                if (e.b == 0 && w.unsynced && w.commitDone < w.syncStarts[e.a]) {
                    m_acks[Ack::Synced][database].push_back(i + 1);
                    w.unsynced = false;
                }
                w.syncStarts.erase(e.a);
            }
            if (e.op == Op::Write && e.a == 0 && e.length >= 32) {
                w.pageSize = (std::uint32_t(std::uint8_t(e.data[8])) << 24)
                             | (std::uint32_t(std::uint8_t(e.data[9])) << 16)
                             | (std::uint32_t(std::uint8_t(e.data[10])) << 8) | std::uint32_t(std::uint8_t(e.data[11]));
                if (w.pageSize == 1)
                    w.pageSize = 65536;
                w.commitEnd = 0;
            } else if (e.op == Op::Write && w.pageSize > 0 && e.a >= 32 && (e.a - 32) % (w.pageSize + 24) == 0
                       && e.length >= 8) {
                const auto *d = reinterpret_cast<const unsigned char *>(e.data);
                if ((d[4] | d[5] | d[6] | d[7]) != 0) {
                    w.returning = w.unsynced = true;
                    w.commitEnd = e.a + 24 + w.pageSize;
                }
            }
            if (e.op == Op::Write && e.a < w.commitEnd && e.a + e.length >= w.commitEnd)
                w.commitDone = i; // the commit frame's last byte is written
        }
        return {};
    }

    QByteArray m_bytes;
    std::vector<Event> m_events;
    std::vector<std::string> m_inodeNames;
    std::map<Ack, std::map<std::string, std::vector<std::size_t>>> m_acks;
};

enum class Cut { Strict, Torn, None };

/// Walks the log forward and writes the directory as it stands at any point.
class Replay {
public:
    explicit Replay(const Log &log)
        : m_log(log)
        , m_files(log.inodes())
    {}

    /// Applies the events before `index` (never moves back).
    void advanceTo(std::size_t index)
    {
        const std::vector<Event> &events = m_log.events();
        for (; m_next < index && m_next < events.size(); ++m_next) {
            const Event &e = events[m_next];
            switch (e.op) {
            case Op::Open:
                if (e.inode >= 0 && e.a == 1) {
                    m_live[e.name] = e.inode;
                    m_namesPending.push_back(m_next);
                }
                break;
            case Op::Unlink:
                m_live.erase(e.name);
                m_namesPending.push_back(m_next);
                break;
            case Op::Rename:
                m_live.erase(e.name);
                m_live[e.name2] = e.inode;
                m_namesPending.push_back(m_next);
                break;
            case Op::Write:
            case Op::Truncate: file(e.inode).pending.push_back(m_next); break;
            case Op::SyncStart:
                if (e.directory)
                    m_directorySyncs[e.a] = m_next;
                else
                    file(e.inode).syncs[e.a] = m_next;
                break;
            case Op::SyncEnd: {
                auto &starts = e.directory ? m_directorySyncs : file(e.inode).syncs;
                const auto start = starts.find(e.a);
                if (start == starts.end())
                    break;
                const std::size_t from = start->second;
                starts.erase(start);
                if (e.b != 0)
                    break; // a failed sync makes nothing durable
                if (e.directory)
                    settleNames(from);
                else
                    settle(file(e.inode), from);
                break;
            }
            case Op::Close:
            case Op::SharedMap:
            case Op::Unsupported: break;
            }
        }
    }

    /// Writes the SQLite files into `dir` (created empty) as a cut of kind `cut` here would
    /// leave them (None: as the running process saw them, nothing lost); only those whose
    /// name starts with `only`, when given. False if it cannot.
    bool write(const QString &dir, Cut cut, std::mt19937_64 &random, const std::string &only = {}) const
    {
        QDir().mkpath(dir);
        std::map<std::string, int> names = m_durable;
        std::size_t keep = 0;
        if (cut == Cut::None)
            keep = m_namesPending.size();
        else if (cut == Cut::Torn)
            keep = std::uniform_int_distribution<std::size_t>(0, m_namesPending.size())(random);
        for (std::size_t k = 0; k < keep; ++k)
            applyName(names, m_log.events()[m_namesPending[k]]);
        for (const auto &[name, inode] : names) {
            if (!rebuilt(name) || !name.starts_with(only))
                continue;
            const std::string content = build(m_files[static_cast<std::size_t>(inode)], cut, random);
            QFile out(dir + QLatin1Char('/') + QString::fromStdString(name));
            if (!out.open(QIODevice::WriteOnly)
                || out.write(content.data(), static_cast<qint64>(content.size()))
                       != static_cast<qint64>(content.size()))
                return false;
        }
        return true;
    }

    /// The names the running process saw.
    const std::map<std::string, int> &live() const { return m_live; }

private:
    struct File {
        std::string base;                           ///< as of its last completed sync
        std::vector<std::size_t> pending;           ///< writes and truncations since
        std::map<std::uint64_t, std::size_t> syncs; ///< syncs under way: id -> their start
    };

    File &file(int inode) { return m_files[static_cast<std::size_t>(inode)]; }

    static void apply(std::string &content, const Event &e)
    {
        if (e.op == Op::Truncate) {
            content.resize(e.a);
            return;
        }
        if (content.size() < e.a + e.length)
            content.resize(e.a + e.length);
        std::memcpy(content.data() + e.a, e.data, e.length);
    }

    /// The sync that started at `from` has returned: everything before it is durable.
    void settle(File &f, std::size_t from)
    {
        auto it = f.pending.begin();
        for (; it != f.pending.end() && *it < from; ++it)
            apply(f.base, m_log.events()[*it]);
        f.pending.erase(f.pending.begin(), it);
    }

    void settleNames(std::size_t from)
    {
        auto it = m_namesPending.begin();
        for (; it != m_namesPending.end() && *it < from; ++it)
            applyName(m_durable, m_log.events()[*it]);
        m_namesPending.erase(m_namesPending.begin(), it);
    }

    static void applyName(std::map<std::string, int> &names, const Event &e)
    {
        if (e.op == Op::Open) {
            names[e.name] = e.inode;
        } else if (e.op == Op::Unlink) {
            names.erase(e.name);
        } else if (e.op == Op::Rename) {
            names.erase(e.name);
            names[e.name2] = e.inode;
        }
    }

    std::string build(const File &f, Cut cut, std::mt19937_64 &random) const
    {
        std::string content = f.base;
        if (cut == Cut::Strict || f.pending.empty())
            return content;
        const std::vector<Event> &events = m_log.events();
        if (cut == Cut::None) {
            for (std::size_t i : f.pending)
                apply(content, events[i]);
            return content;
        }
        // Torn: the size as of one moment, each block as of another.
        std::vector<std::uint64_t> sizes{content.size()};
        std::uint64_t widest = content.size();
        for (std::size_t i : f.pending) {
            const Event &e = events[i];
            sizes.push_back(e.op == Op::Truncate ? e.a : std::max<std::uint64_t>(sizes.back(), e.a + e.length));
            widest = std::max(widest, sizes.back());
        }
        const std::uint64_t size = sizes[std::uniform_int_distribution<std::size_t>(0, sizes.size() - 1)(random)];
        content.resize(widest);
        std::map<std::uint64_t, std::vector<std::size_t>> touching; // block -> pending events
        for (std::size_t i : f.pending) {
            const Event &e = events[i];
            const std::uint64_t first = e.a / kBlock; // a truncation touches every block after its size
            const std::uint64_t last =
                e.op == Op::Truncate ? (widest + kBlock - 1) / kBlock : (e.a + e.length - 1) / kBlock + 1;
            for (std::uint64_t b = first; b < last; ++b)
                touching[b].push_back(i);
        }
        for (const auto &[block, list] : touching) {
            const std::size_t take = std::uniform_int_distribution<std::size_t>(0, list.size())(random);
            const std::uint64_t lo = block * kBlock, hi = std::min(widest, lo + kBlock);
            for (std::size_t k = 0; k < take; ++k) {
                const Event &e = events[list[k]];
                if (e.op == Op::Truncate) {
                    const std::uint64_t from = std::max(lo, e.a);
                    if (from < hi)
                        std::memset(content.data() + from, 0, hi - from);
                    continue;
                }
                const std::uint64_t from = std::max(lo, e.a), to = std::min(hi, e.a + e.length);
                if (from < to)
                    std::memcpy(content.data() + from, e.data + (from - e.a), to - from);
            }
        }
        content.resize(size);
        return content;
    }

    const Log &m_log;
    std::vector<File> m_files;
    std::size_t m_next = 0;
    std::map<std::string, int> m_live;       ///< names as the process saw them
    std::map<std::string, int> m_durable;    ///< names as of the last directory sync
    std::vector<std::size_t> m_namesPending; ///< name changes since
    std::map<std::uint64_t, std::size_t> m_directorySyncs;
};

} // namespace vigil::testing::powercut
