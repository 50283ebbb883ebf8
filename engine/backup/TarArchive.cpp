#include "backup/TarArchive.h"
#include "backup/Sha256.h"

#include <QFile>
#include <QFileDevice>
#include <QIODevice>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

namespace vigil {

namespace {

la_ssize_t writeToDevice(struct archive *archive, void *clientData, const void *buffer, size_t length)
{
    auto *sink = static_cast<TarWriter::Sink *>(clientData);
    errno = 0;
    const qint64 written = sink->device->write(static_cast<const char *>(buffer), static_cast<qint64>(length));
    if (written == static_cast<qint64>(length)) {
        sink->hash.addData(QByteArrayView(static_cast<const char *>(buffer), static_cast<qsizetype>(length)));
        sink->bytes += written;
        return static_cast<la_ssize_t>(written);
    }
    // libarchive knows nothing of why: the system's reason (no space left on device, an
    // I/O error) goes into the archive's error, or the operator reads "Unknown error".
    const int system = errno;
    const auto *file = qobject_cast<QFileDevice *>(sink->device);
    QString reason = file && file->error() != QFileDevice::NoError ? file->errorString() : QString();
    if (system != 0 && (reason.isEmpty() || reason == QLatin1String("Unknown error")))
        reason = QString::fromLocal8Bit(std::strerror(system));
    if (reason.isEmpty())
        reason = written < 0 ? QStringLiteral("the write failed")
                             : QStringLiteral("only %1 of %2 bytes were written").arg(written).arg(length);
    archive_set_error(archive, system != 0 ? system : EIO, "%s", reason.toLocal8Bit().constData());
    return -1;
}

// Every byte libarchive reads passes through here, so the whole file is hashed on the way;
// with no skip callback it reads member data it skips as well.
la_ssize_t readFromFile(struct archive *a, void *clientData, const void **buffer)
{
    auto *source = static_cast<TarReader::Source *>(clientData);
    const qint64 n = source->file.read(source->buffer.data(), static_cast<qint64>(source->buffer.size()));
    if (n < 0) {
        archive_set_error(a, EIO, "%s", source->file.errorString().toUtf8().constData());
        return -1;
    }
    source->hash.addData(QByteArrayView(source->buffer.data(), n));
    source->bytes += n;
    *buffer = source->buffer.data();
    return static_cast<la_ssize_t>(n);
}

// Only for TarReader::Skipped::Seek: the whole file is then not hashed.
la_int64_t seekInFile(struct archive *, void *clientData, la_int64_t request)
{
    auto *source = static_cast<TarReader::Source *>(clientData);
    const qint64 from = source->file.pos();
    const qint64 to = std::min<qint64>(from + request, source->file.size());
    if (!source->file.seek(to))
        return 0; // libarchive reads over what it cannot skip
    source->bytes += to - from;
    return to - from;
}

constexpr std::int64_t kChunkBytes = 1 << 20;
constexpr std::size_t kReadBlockBytes = 1 << 16;

} // namespace

TarWriter::~TarWriter()
{
    if (m_archive)
        archive_write_free(m_archive);
}

QString TarWriter::error(const QString &what) const
{
    const char *text = m_archive ? archive_error_string(m_archive) : nullptr;
    QString reason = text ? QString::fromUtf8(text) : QString();
    if (reason.isEmpty() && m_sink.device)
        reason = m_sink.device->errorString();
    return reason.isEmpty() ? what : what + QStringLiteral(": ") + reason;
}

QString TarWriter::open(QIODevice *device)
{
    m_sink.device = device;
    m_archive = archive_write_new();
    if (!m_archive)
        return QStringLiteral("cannot start an archive (out of memory)");
    archive_write_set_format_pax_restricted(m_archive);
    archive_write_set_bytes_in_last_block(m_archive, 1); // no padding to 10 KiB after the end
    if (archive_write_open2(m_archive, &m_sink, nullptr, writeToDevice, nullptr, nullptr) != ARCHIVE_OK)
        return error(QStringLiteral("cannot start the archive"));
    return {};
}

QString TarWriter::header(const QString &name, std::int64_t size)
{
    archive_entry *entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
    archive_entry_set_size(entry, size);
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0600);
    archive_entry_set_mtime(entry, std::time(nullptr), 0);
    const int rc = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    return rc == ARCHIVE_OK ? QString() : error(QStringLiteral("cannot write the header of %1").arg(name));
}

QString TarWriter::addData(const QString &name, const QByteArray &data, QByteArray *sha256)
{
    if (QString e = header(name, data.size()); !e.isEmpty())
        return e;
    if (archive_write_data(m_archive, data.constData(), static_cast<size_t>(data.size())) != data.size())
        return error(QStringLiteral("cannot write %1").arg(name));
    if (sha256)
        *sha256 = Sha256::hash(data);
    return {};
}

QString TarWriter::addFile(const QString &name, const QString &path, QByteArray &sha256, std::int64_t &size,
                           const std::function<void(std::int64_t)> &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    size = file.size();
    if (QString e = header(name, size); !e.isEmpty())
        return e;
    Sha256 hash;
    std::vector<char> buffer(static_cast<std::size_t>(kChunkBytes));
    std::int64_t done = 0;
    while (done < size) {
        const qint64 n = file.read(buffer.data(), std::min<std::int64_t>(kChunkBytes, size - done));
        if (n <= 0)
            return QStringLiteral("cannot read %1 (%2 of %3 bytes read): %4")
                .arg(path)
                .arg(done)
                .arg(size)
                .arg(n < 0 ? file.errorString() : QStringLiteral("the file shrank"));
        hash.addData(QByteArrayView(buffer.data(), n));
        if (archive_write_data(m_archive, buffer.data(), static_cast<size_t>(n)) != n)
            return error(QStringLiteral("cannot write %1").arg(name));
        done += n;
        if (progress)
            progress(done);
    }
    sha256 = hash.result();
    return {};
}

QString TarWriter::close()
{
    if (!m_archive)
        return QStringLiteral("the archive was never opened");
    const int rc = archive_write_close(m_archive);
    const QString e = rc == ARCHIVE_OK ? QString() : error(QStringLiteral("cannot finish the archive"));
    archive_write_free(m_archive);
    m_archive = nullptr;
    m_writtenBytes = m_sink.bytes;
    m_writtenSha256 = m_sink.hash.result();
    return e;
}

TarReader::~TarReader()
{
    if (m_archive)
        archive_read_free(m_archive);
}

QString TarReader::open(const QString &path, Skipped skipped)
{
    m_archive = archive_read_new();
    if (!m_archive)
        return QStringLiteral("cannot read an archive (out of memory)");
    archive_read_support_format_tar(m_archive); // only what we write: no other format, no filter
    m_source.file.setFileName(path);
    if (!m_source.file.open(QIODevice::ReadOnly)) {
        m_error = m_source.file.errorString();
        return m_error;
    }
    m_source.buffer.resize(kReadBlockBytes);
    if (skipped == Skipped::Seek)
        archive_read_set_skip_callback(m_archive, seekInFile);
    archive_read_set_read_callback(m_archive, readFromFile);
    archive_read_set_callback_data(m_archive, &m_source);
    if (archive_read_open1(m_archive) != ARCHIVE_OK) {
        m_error = QString::fromUtf8(archive_error_string(m_archive));
        return m_error.isEmpty() ? QStringLiteral("cannot open %1").arg(path) : m_error;
    }
    return {};
}

std::optional<TarReader::Whole> TarReader::finish()
{
    Whole whole;
    // The tar reader consumed the end-of-archive marker (two zero blocks) when it said End:
    // the first filter's position is where the archive ends, whatever it read ahead.
    whole.archiveBytes = archive_filter_bytes(m_archive, 0);
    for (;;) {
        const qint64 n = m_source.file.read(m_source.buffer.data(), static_cast<qint64>(m_source.buffer.size()));
        if (n < 0) {
            m_error = m_source.file.errorString();
            return std::nullopt;
        }
        if (n == 0)
            break;
        m_source.hash.addData(QByteArrayView(m_source.buffer.data(), n));
        m_source.bytes += n;
    }
    whole.fileBytes = m_source.bytes;
    whole.sha256 = m_source.hash.result();
    return whole;
}

TarReader::Next TarReader::next(QString &name, std::int64_t &size)
{
    archive_entry *entry = nullptr;
    const int rc = archive_read_next_header(m_archive, &entry);
    if (rc == ARCHIVE_EOF)
        return Next::End;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
        m_error = QString::fromUtf8(archive_error_string(m_archive));
        if (m_error.isEmpty())
            m_error = QStringLiteral("unreadable member header");
        return Next::Error;
    }
    const char *utf8 = archive_entry_pathname_utf8(entry);
    name = utf8 ? QString::fromUtf8(utf8) : QString::fromLocal8Bit(archive_entry_pathname(entry));
    size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
    if (archive_entry_filetype(entry) != AE_IFREG) {
        m_error = QStringLiteral("member %1 is not a regular file").arg(name);
        return Next::Error;
    }
    return Next::Member;
}

std::int64_t TarReader::read(char *buffer, std::int64_t capacity)
{
    const la_ssize_t n = archive_read_data(m_archive, buffer, static_cast<size_t>(capacity));
    if (n < 0) {
        m_error = QString::fromUtf8(archive_error_string(m_archive));
        if (m_error.isEmpty())
            m_error = QStringLiteral("unreadable data");
        return -1;
    }
    return n;
}

} // namespace vigil
