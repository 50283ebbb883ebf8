#pragma once
// A thin wrapper over libarchive for the backup files: a POSIX (pax) tar written member by
// member and read back member by member. Each instance belongs to the thread that made it.
//
// Plain tar, uncompressed: the journal is most of a backup and SQLite pages compress
// little for what it would cost on a 2-core trading PC (docs/PERFORMANCE.md); a tar can be
// read with standard tools by an operator who has nothing else.

#include "backup/Sha256.h"

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

struct archive;

namespace vigil {

/// Writes a tar to a QIODevice (a QSaveFile, so nothing appears until it is committed).
class TarWriter {
public:
    TarWriter() = default;
    TarWriter(const TarWriter &) = delete;
    TarWriter &operator=(const TarWriter &) = delete;
    ~TarWriter();

    /// Starts the archive on `device` (already open for writing). Empty or the reason.
    QString open(class QIODevice *device);
    /// Adds a member with these bytes. `sha256` (if given) receives their SHA-256.
    QString addData(const QString &name, const QByteArray &data, QByteArray *sha256 = nullptr);
    /// Adds a member copied from the file at `path`, which must not change while it is
    /// read; `sha256` receives the SHA-256 of what was written and `size` its length.
    /// `progress` (if given) is told the bytes written so far.
    QString addFile(const QString &name, const QString &path, QByteArray &sha256, std::int64_t &size,
                    const std::function<void(std::int64_t)> &progress = {});
    /// Writes the end of the archive. Empty or the reason.
    QString close();
    /// After close(): the archive's length and the SHA-256 of all its bytes, as handed to
    /// the device. Recorded beside the backup, so that any later change to the file,
    /// even one outside every member (bytes appended, a header edited), is seen.
    std::int64_t writtenBytes() const { return m_writtenBytes; }
    const QByteArray &writtenSha256() const { return m_writtenSha256; }

    /// What libarchive's write callback hands the bytes to.
    struct Sink {
        QIODevice *device = nullptr;
        Sha256 hash;
        std::int64_t bytes = 0;
    };

private:
    QString header(const QString &name, std::int64_t size);
    QString error(const QString &what) const;
    archive *m_archive = nullptr;
    Sink m_sink;
    std::int64_t m_writtenBytes = 0;
    QByteArray m_writtenSha256;
};

/// Reads a tar member by member from a file.
class TarReader {
public:
    TarReader() = default;
    TarReader(const TarReader &) = delete;
    TarReader &operator=(const TarReader &) = delete;
    ~TarReader();

    /// What the reader does with the bytes of members it is not asked to read.
    enum class Skipped {
        Read, ///< read and hashed like the rest (finish() can then tell the whole file)
        Seek  ///< jumped over (a manifest read from the end of a large archive)
    };
    QString open(const QString &path, Skipped skipped = Skipped::Read);
    enum class Next { Member, End, Error };
    /// Moves to the next member: its name and declared size, or the end, or an error
    /// (`error()` says which).
    Next next(QString &name, std::int64_t &size);
    /// Reads up to `capacity` bytes of the current member: the number read, 0 at its end,
    /// -1 on error.
    std::int64_t read(char *buffer, std::int64_t capacity);
    QString error() const { return m_error; }

    /// The whole file, once next() has said End.
    struct Whole {
        std::int64_t archiveBytes = 0; ///< up to and with the end-of-archive marker
        std::int64_t fileBytes = 0;    ///< the file's length: more than archiveBytes when something follows the end
        QByteArray sha256;             ///< of every byte of the file
    };
    /// After open() with Skipped::Read: reads what follows the end-of-archive marker and
    /// hashes it with the rest. Nothing on error (`error()` says why).
    std::optional<Whole> finish();

    /// What libarchive's read callback reads from.
    struct Source {
        QFile file;
        Sha256 hash;
        std::int64_t bytes = 0;
        std::vector<char> buffer;
    };

private:
    archive *m_archive = nullptr;
    Source m_source;
    QString m_error;
};

} // namespace vigil
