#include "store/AuditChain.h"

#include <QCryptographicHash>
#include <QDate>
#include <QDateTime>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace vigil {

namespace {
void addField(QCryptographicHash &hash, std::string_view value)
{
    const QByteArray length = QByteArray::number(static_cast<qulonglong>(value.size())) + ':';
    hash.addData(length);
    hash.addData(QByteArrayView(value.data(), static_cast<qsizetype>(value.size())));
}

void addField(QCryptographicHash &hash, std::int64_t value)
{
    const QByteArray text = QByteArray::number(static_cast<qlonglong>(value));
    addField(hash, std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
}

/// A read-only connection that closes itself.
class ReadConnection {
public:
    explicit ReadConnection(const QString &path)
        : m_name(QStringLiteral("vigil-audit-%1").arg(reinterpret_cast<quintptr>(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!QFileInfo::exists(path))
            m_error = QStringLiteral("%1: no such journal").arg(path);
        else if (!db.open())
            m_error = QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text());
    }
    ~ReadConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    const QString &error() const { return m_error; }

private:
    QString m_name;
    QString m_error;
};

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
}

QByteArray auditHash(const AuditEntry &entry, const QByteArray &previousHash)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, entry.id);
    addField(hash, entry.at);
    addField(hash, entry.wallAt);
    addField(hash, entry.actor);
    addField(hash, entry.action);
    addField(hash, entry.detail);
    addField(hash, std::string_view(previousHash.constData(), static_cast<std::size_t>(previousHash.size())));
    return hash.result();
}

AuditCheck verifyAudit(const QString &path)
{
    AuditCheck check;
    ReadConnection connection(path);
    if (!connection.error().isEmpty()) {
        check.problem = connection.error();
        return check;
    }
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, at, wall_at, actor, action, detail, previous_hash, hash FROM audit ORDER BY id"))) {
        check.problem = QStringLiteral("%1: cannot read the audit trail: %2").arg(path, q.lastError().text());
        return check;
    }
    QByteArray previous;
    std::int64_t expectedId = 1;
    while (q.next()) {
        const std::int64_t id = q.value(0).toLongLong();
        const QByteArray actor = q.value(3).toString().toUtf8();
        const QByteArray action = q.value(4).toString().toUtf8();
        const QByteArray detail = q.value(5).toString().toUtf8();
        const QByteArray storedPrevious = q.value(6).toByteArray();
        const QByteArray stored = q.value(7).toByteArray();
        const AuditEntry entry{id,
                               q.value(1).toLongLong(),
                               q.value(2).toLongLong(),
                               {actor.constData(), static_cast<std::size_t>(actor.size())},
                               {action.constData(), static_cast<std::size_t>(action.size())},
                               {detail.constData(), static_cast<std::size_t>(detail.size())}};
        auto broken = [&](const QString &why) {
            check.firstBroken = id;
            check.problem = QStringLiteral("audit record %1: %2").arg(id).arg(why);
        };
        if (id != expectedId) {
            broken(id > expectedId ? QStringLiteral("record(s) %1 to %2 are missing (deleted)").arg(expectedId).arg(id - 1)
                                   : QStringLiteral("its number is out of order"));
            return check;
        }
        if (storedPrevious != previous) {
            broken(QStringLiteral("it does not follow record %1 (a record was deleted, edited or moved)").arg(id - 1));
            return check;
        }
        if (auditHash(entry, previous) != stored) {
            broken(QStringLiteral("its contents do not match its hash (edited)"));
            return check;
        }
        previous = stored;
        ++expectedId;
        ++check.records;
    }
    return check;
}

QString exportAudit(const QString &path, const QString &from, const QString &to, const QString &out,
                    std::int64_t &written)
{
    written = 0;
    const QDate first = QDate::fromString(from, Qt::ISODate);
    const QDate last = QDate::fromString(to, Qt::ISODate);
    if (!first.isValid())
        return QStringLiteral("--from '%1' is not a date (YYYY-MM-DD)").arg(from);
    if (!last.isValid())
        return QStringLiteral("--to '%1' is not a date (YYYY-MM-DD)").arg(to);
    if (last < first)
        return QStringLiteral("--to %1 is before --from %2").arg(to, from);
    ReadConnection connection(path);
    if (!connection.error().isEmpty())
        return connection.error();
    const qint64 fromNs = QDateTime(first, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1'000'000;
    const qint64 toNs = QDateTime(last.addDays(1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1'000'000;
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, at, wall_at, actor, action, detail, hash FROM audit WHERE at >= ? AND at < ? "
                             "ORDER BY id"));
    q.addBindValue(fromNs);
    q.addBindValue(toNs);
    if (!q.exec())
        return QStringLiteral("%1: cannot read the audit trail: %2").arg(path, q.lastError().text());
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("cannot write %1: %2").arg(out, file.errorString());
    file.write("id,time_utc,wall_time_utc,actor,action,detail,sha256\n");
    while (q.next()) {
        const QString at = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong() / 1'000'000, Qt::UTC)
                               .toString(Qt::ISODateWithMs);
        const qint64 wallMs = q.value(2).toLongLong();
        const QString wall = wallMs == 0 ? QString()
                                         : QDateTime::fromMSecsSinceEpoch(wallMs, Qt::UTC).toString(Qt::ISODateWithMs);
        const QStringList fields{q.value(0).toString(), at, wall, csvField(q.value(3).toString()),
                                 csvField(q.value(4).toString()), csvField(q.value(5).toString()),
                                 QString::fromLatin1(q.value(6).toByteArray().toHex())};
        file.write(fields.join(QLatin1Char(',')).toUtf8() + '\n');
        ++written;
    }
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(out, file.errorString());
    return {};
}

} // namespace vigil
