#include "api/AuditAnchor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace vigil {

namespace {
const QString kSuffix = QStringLiteral(".audit-anchor");
const QString kSuperseded = QStringLiteral(".superseded-");
const QString kRestored = QStringLiteral(".restored-");
const QString kTimeFormat = QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'");
} // namespace

QString restoredAnchorPath(const QString &journalPath, const QDateTime &at)
{
    return auditAnchorPath(journalPath) + kRestored + at.toUTC().toString(kTimeFormat);
}

std::vector<std::pair<QString, QDateTime>> restoredAnchorFiles(const QString &journalPath)
{
    const QFileInfo anchor(auditAnchorPath(journalPath));
    const QString prefix = anchor.fileName() + kRestored;
    std::vector<std::pair<QString, QDateTime>> out;
    for (const QFileInfo &f : anchor.dir().entryInfoList({prefix + QLatin1Char('*')}, QDir::Files, QDir::Name)) {
        QDateTime at = QDateTime::fromString(f.fileName().mid(prefix.size()), kTimeFormat);
        at.setTimeZone(QTimeZone::utc());
        if (at.isValid())
            out.emplace_back(f.absoluteFilePath(), at);
    }
    return out;
}

QString auditAnchorPath(const QString &journalPath)
{
    const QFileInfo journal(journalPath);
    return journal.dir().filePath(journal.completeBaseName() + kSuffix);
}

QStringList auditAnchorFiles(const QString &journalPath)
{
    const QFileInfo anchor(auditAnchorPath(journalPath));
    QStringList out;
    // The time in their names sorts them oldest first.
    for (const QFileInfo &f :
         anchor.dir().entryInfoList({anchor.fileName() + kSuperseded + QLatin1Char('*')}, QDir::Files, QDir::Name))
        out << f.absoluteFilePath();
    if (anchor.isFile())
        out << anchor.absoluteFilePath();
    return out;
}

std::optional<AuditAnchor> parseAuditAnchor(const QString &text, QString &error)
{
    static const QRegularExpression form(QStringLiteral("^(?:([0-9]{1,18}):)?([0-9A-Fa-f]{64})$"));
    const QRegularExpressionMatch m = form.match(text.trimmed());
    if (!m.hasMatch()) {
        error = QStringLiteral("'%1' is not an audit hash: expected 64 hexadecimal digits, optionally after the "
                               "record's number and a colon (ID:HASH)")
                    .arg(text);
        return std::nullopt;
    }
    AuditAnchor anchor;
    anchor.id = m.captured(1).isEmpty() ? 0 : m.captured(1).toLongLong();
    if (!m.captured(1).isEmpty() && anchor.id < 1) {
        error = QStringLiteral("'%1': audit records are numbered from 1").arg(text);
        return std::nullopt;
    }
    anchor.hash = QByteArray::fromHex(m.captured(2).toLatin1());
    return anchor;
}

QString formatAuditAnchor(std::int64_t id, const QByteArray &hash)
{
    return QStringLiteral("%1:%2").arg(id).arg(QString::fromLatin1(hash.toHex()));
}

AuditAnchor readAnchorFile(const QString &path)
{
    AuditAnchor anchor;
    anchor.source = QStringLiteral("anchor file %1").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        anchor.problem = QStringLiteral("UNREADABLE: %1").arg(file.errorString());
        return anchor;
    }
    QString error;
    const QByteArray content = file.read(4096);
    std::optional<AuditAnchor> parsed = parseAuditAnchor(QString::fromLatin1(content), error);
    if (!parsed || parsed->id == 0) {
        anchor.problem = QStringLiteral("MALFORMED: it does not hold ID:HASH");
        return anchor;
    }
    anchor.id = parsed->id;
    anchor.hash = parsed->hash;
    return anchor;
}

QString writeAnchorFile(const QString &path, std::int64_t id, const QByteArray &hash)
{
    // Plain calls rather than QSaveFile: a named temporary file (not an O_TMPFILE inode,
    // which tests/PowerCutRecorder cannot follow), and the directory synced after the
    // rename, so that the new anchor survives a power cut once this returns.
    const QByteArray line = formatAuditAnchor(id, hash).toLatin1() + '\n';
    const QByteArray target = QFile::encodeName(path);
    const QByteArray temporary = target + ".writing";
    auto failed = [&](const char *what) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        ::unlink(temporary.constData());
        return QStringLiteral("cannot write %1 (%2): %3").arg(path, QLatin1String(what), reason);
    };
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return failed("create");
    const bool written =
        ::write(fd, line.constData(), static_cast<std::size_t>(line.size())) == line.size() && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    errno = savedErrno;
    if (!written)
        return failed("write");
    if (::rename(temporary.constData(), target.constData()) != 0)
        return failed("rename");
    const int dir =
        ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

std::optional<std::pair<std::int64_t, QByteArray>> readAuditHead(const QString &path, QString &error)
{
    if (!QFileInfo(path).isFile()) {
        error = QStringLiteral("%1: no such journal").arg(path);
        return std::nullopt;
    }
    sqlite3 *db = nullptr;
    sqlite3_stmt *q = nullptr;
    std::optional<std::pair<std::int64_t, QByteArray>> head;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK
        && sqlite3_busy_timeout(db, 5000) == SQLITE_OK
        && sqlite3_prepare_v2(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", -1, &q, nullptr)
               == SQLITE_OK) {
        const int step = sqlite3_step(q);
        if (step == SQLITE_ROW)
            head.emplace(sqlite3_column_int64(q, 0),
                         QByteArray(static_cast<const char *>(sqlite3_column_blob(q, 1)), sqlite3_column_bytes(q, 1)));
        else if (step == SQLITE_DONE)
            head.emplace(0, QByteArray());
    }
    if (!head)
        error = QStringLiteral("%1: cannot read the audit trail's last record: %2")
                    .arg(path, db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory"));
    sqlite3_finalize(q);
    sqlite3_close_v2(db);
    return head;
}

} // namespace vigil
