#pragma once
// A thin wrapper over libarchive for the backup files: a POSIX (pax) tar written member by
// member and read back member by member. Each instance belongs to the thread that made it.
//
// Plain tar, uncompressed: the journal is most of a backup and SQLite pages compress
// little for what it would cost on a 2-core trading PC (docs/PERFORMANCE.md); a tar can be
// read with standard tools by an operator who has nothing else.

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <cstdint>
#include <functional>

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

private:
    QString header(const QString &name, std::int64_t size);
    QString error(const QString &what) const;
    archive *m_archive = nullptr;
    QIODevice *m_device = nullptr;
};

/// Reads a tar member by member from a file.
class TarReader {
public:
    TarReader() = default;
    TarReader(const TarReader &) = delete;
    TarReader &operator=(const TarReader &) = delete;
    ~TarReader();

    QString open(const QString &path);
    enum class Next { Member, End, Error };
    /// Moves to the next member: its name and declared size, or the end, or an error
    /// (`error()` says which).
    Next next(QString &name, std::int64_t &size);
    /// Reads up to `capacity` bytes of the current member: the number read, 0 at its end,
    /// -1 on error.
    std::int64_t read(char *buffer, std::int64_t capacity);
    QString error() const { return m_error; }

private:
    archive *m_archive = nullptr;
    QString m_error;
};

} // namespace vigil
