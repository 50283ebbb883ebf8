// Backups: a backup holds a consistent snapshot of the journal, the configuration and a
// manifest that describes them exactly; files named like secrets never go in; truncated,
// bit-flipped and tampered archives are rejected naming what is wrong; a newer schema is
// refused and an older one accepted; a backup taken while a thread commits fills verifies;
// retention keeps what it promises and never the newest verified backup's deletion; a
// backup that fails half-way leaves nothing that looks like a backup.
#include "JournaledSession.h"
#include "SqlFiles.h"
#include "api/BackupCatalog.h"
#include "api/BackupVerifier.h"
#include "api/BackupWriter.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/InstanceLock.h"
#include "api/JournalVerifier.h"
#include "api/Restore.h"
#include "backup/Sha256.h"
#include "backup/TarArchive.h"
#include "store/Schema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <map>
#include <stdexcept>
#include <thread>

using namespace vigil;
using namespace vigil::testing;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

/// Every member of an archive, in order (an empty list if it cannot be read whole).
std::vector<std::pair<QString, QByteArray>> members(const QString &archive)
{
    std::vector<std::pair<QString, QByteArray>> out;
    TarReader reader;
    if (!reader.open(archive).isEmpty())
        return {};
    QString name;
    std::int64_t size = 0;
    TarReader::Next next;
    while ((next = reader.next(name, size)) == TarReader::Next::Member) {
        QByteArray data;
        char buffer[65536];
        std::int64_t n;
        while ((n = reader.read(buffer, sizeof buffer)) > 0)
            data.append(buffer, n);
        if (n < 0)
            return {};
        out.emplace_back(name, data);
    }
    return next == TarReader::Next::End ? out : decltype(out){};
}

/// Writes an archive with these members, in this order.
void writeMembers(const QString &archive, const std::vector<std::pair<QString, QByteArray>> &list)
{
    QFile out(archive);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    TarWriter tar;
    QCOMPARE(tar.open(&out), QString());
    for (const auto &[name, data] : list)
        QCOMPARE(tar.addData(name, data), QString());
    QCOMPARE(tar.close(), QString());
}

bool mentions(const QStringList &problems, const QStringList &words)
{
    for (const QString &p : problems) {
        bool all = true;
        for (const QString &w : words)
            all = all && p.contains(w);
        if (all)
            return true;
    }
    return false;
}

BackupEntry entry(const QString &name, const QDateTime &at, BackupType type,
                  BackupStatus status = BackupStatus::Verified)
{
    BackupEntry e;
    e.path = name;
    e.createdAt = at;
    e.type = type;
    e.status = status;
    return e;
}

/// Every file under `dir` (relative name -> SHA-256), to see that nothing changed.
std::map<QString, QByteArray> fingerprint(const QString &dir)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        out[QDir(dir).relativeFilePath(file)] = QCryptographicHash::hash(readAll(file), QCryptographicHash::Sha256);
    }
    return out;
}

QStringList paths(const std::vector<RetentionItem> &items)
{
    QStringList out;
    for (const RetentionItem &i : items)
        out << i.entry.path;
    return out;
}

} // namespace

class TestBackup : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_session; ///< a data directory holding a journaled session

    /// A fresh copy of the session's data directory, with a configuration file beside it.
    QString dataDirCopy(const QString &name)
    {
        const QString dir = m_dir.filePath(name);
        QDir().mkpath(dir);
        for (const char *file : {"journal.sqlite", "paper-broker.sqlite"})
            if (!QFile::copy(m_session + QLatin1Char('/') + QLatin1String(file),
                             dir + QLatin1Char('/') + QLatin1String(file)))
                qFatal("cannot copy %s", file);
        return dir;
    }

    QString backupOf(const QString &dataDir, BackupType type = BackupType::Manual)
    {
        BackupRequest request;
        request.dataDir = dataDir;
        request.type = type;
        const BackupResult r = createBackup(request);
        if (!r.ok())
            qFatal("backup failed: %s", qPrintable(r.error));
        return r.path;
    }

private Q_SLOTS:
    void sha256IsTheStandardDigest()
    {
        // FIPS 180-2's example, and a stream fed in pieces against Qt's own SHA-256.
        QCOMPARE(Sha256::hash("abc").toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QByteArray big(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = static_cast<char>(i * 31 + 7);
        Sha256 pieces;
        for (qsizetype at = 0; at < big.size(); at += 65'536)
            pieces.addData(QByteArrayView(big.constData() + at, std::min<qsizetype>(65'536, big.size() - at)));
        QCOMPARE(pieces.result(), QCryptographicHash::hash(big, QCryptographicHash::Sha256));
        QCOMPARE(pieces.result(), Sha256::hash(QByteArray())); // it starts afresh
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_session = m_dir.filePath(QStringLiteral("session"));
        QVERIFY(QDir().mkpath(m_session));
        journaledSession(m_session);
        QVERIFY(scalar(m_session + QStringLiteral("/journal.sqlite"), QStringLiteral("SELECT COUNT(*) FROM fills"))
                > 0);
    }

    void roundTripWithItsManifest()
    {
        const QString data = dataDirCopy(QStringLiteral("round-trip"));
        const QString config = m_dir.filePath(QStringLiteral("etc/vigil.toml"));
        writeAll(config, "[simulator]\nspeed = 60\n");
        writeAll(data + QStringLiteral("/logs/vigil.log"), "a line of log\n");
        BackupRequest request;
        request.dataDir = data;
        request.configFiles = {config};
        request.type = BackupType::Daily;
        request.includeLogs = true;
        std::vector<int> percents;
        const BackupResult r = createBackup(request, [&](int percent, const QString &step) {
            QVERIFY(!step.isEmpty());
            percents.push_back(percent);
        });
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!percents.empty());
        QCOMPARE(percents.back(), 100);
        QVERIFY(std::is_sorted(percents.begin(), percents.end())); // only forward

        // Where and under which name.
        QCOMPARE(QFileInfo(r.path).absolutePath(), QDir(data).filePath(QStringLiteral("backups")));
        QVERIFY2(QRegularExpression(QStringLiteral("^vigil-backup-\\d{8}T\\d{9}Z-daily\\.tar$"))
                     .match(QFileInfo(r.path).fileName())
                     .hasMatch(),
                 qPrintable(r.path));

        const auto list = members(r.path);
        QStringList names;
        for (const auto &m : list)
            names << m.first;
        QCOMPARE(names, (QStringList{QStringLiteral("journal.sqlite"), QStringLiteral("paper-broker.sqlite"),
                                     QStringLiteral("config/vigil.toml"), QStringLiteral("logs/vigil.log"),
                                     QStringLiteral("manifest.json")}));

        // The manifest: what the archive holds, exactly.
        const QJsonObject m = QJsonDocument::fromJson(list.back().second).object();
        QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("daily"));
        QCOMPARE(m.value(QStringLiteral("schema_version")).toInt(), kJournalSchemaVersion);
        QCOMPARE(m.value(QStringLiteral("app_version")).toString(), QStringLiteral(VIGIL_VERSION));
        QVERIFY(!m.value(QStringLiteral("id")).toString().isEmpty());
        const QDateTime created =
            QDateTime::fromString(m.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QCOMPARE(created.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(r.manifest.id, m.value(QStringLiteral("id")).toString());
        QCOMPARE(r.manifest.members.size(), list.size() - 1);
        for (std::size_t i = 0; i + 1 < list.size(); ++i) {
            const ManifestMember &member = r.manifest.members[i];
            QCOMPARE(member.name, list[i].first);
            QCOMPARE(member.size, list[i].second.size());
            QCOMPARE(member.sha256, QCryptographicHash::hash(list[i].second, QCryptographicHash::Sha256));
        }
        QCOMPARE(list[2].second, readAll(config));
        QCOMPARE(r.manifest.member(QStringLiteral("config/vigil.toml"))->origin, QFileInfo(config).canonicalFilePath());

        // The snapshot holds the journal's rows, and stands alone (no -wal needed).
        const QString restored = m_dir.filePath(QStringLiteral("round-trip-restored.sqlite"));
        writeAll(restored, list[0].second);
        const QString query =
            QStringLiteral("SELECT client_order_id, execution_id, qty, price FROM fills ORDER BY seq");
        QCOMPARE(rows(restored, query), rows(data + QStringLiteral("/journal.sqlite"), query));
        QVERIFY(!rows(restored, query).isEmpty());

        // Verified at once, and the record says so.
        const std::vector<BackupEntry> listed = listBackups(QDir(data).filePath(QStringLiteral("backups")));
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed[0].status, BackupStatus::Verified);
        QCOMPARE(listed[0].type, BackupType::Daily);
        QVERIFY(listed[0].manifest.has_value());
        const BackupCheck again = verifyBackup(r.path);
        QVERIFY2(again.ok(), qPrintable(again.problems.join(QLatin1Char('\n'))));
        QCOMPARE(again.schemaVersion, kJournalSchemaVersion);
        QVERIFY(again.note.isEmpty());
    }

    void secretsAreNeverIncluded()
    {
        const QString data = dataDirCopy(QStringLiteral("secrets"));
        writeAll(data + QStringLiteral("/vigil.toml"), "[simulator]\n");
        writeAll(data + QStringLiteral("/secrets.toml"), "alpaca_secret = \"s3cr3t\"\n");
        writeAll(data + QStringLiteral("/broker-keys.toml"), "key = \"k3y\"\n");
        writeAll(data + QStringLiteral("/logs/vigil.log"), "log\n");
        writeAll(data + QStringLiteral("/logs/credentials.json"), "{\"password\": \"pw\"}\n");
        writeAll(data + QStringLiteral("/logs/api.key"), "k3y\n");
        const QString secretConfig = m_dir.filePath(QStringLiteral("etc/Broker_Secret.toml"));
        writeAll(secretConfig, "token = \"t0k3n\"\n");
        BackupRequest request;
        request.dataDir = data;
        request.configFiles = {secretConfig};
        request.includeLogs = true;
        const BackupResult r = createBackup(request);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QStringList names;
        QByteArray everything;
        for (const auto &m : members(r.path)) {
            names << m.first;
            everything += m.second;
        }
        QCOMPARE(names, (QStringList{QStringLiteral("journal.sqlite"), QStringLiteral("paper-broker.sqlite"),
                                     QStringLiteral("config/vigil.toml"), QStringLiteral("logs/vigil.log"),
                                     QStringLiteral("manifest.json")}));
        for (const char *secret : {"s3cr3t", "k3y", "t0k3n", "\"pw\""})
            QVERIFY2(!everything.contains(secret), secret);
        QCOMPARE(r.skipped.size(), 5);
        for (const char *name :
             {"secrets.toml", "broker-keys.toml", "credentials.json", "api.key", "Broker_Secret.toml"})
            QVERIFY2(r.skipped.join(QLatin1Char('\n')).contains(QLatin1String(name)), name);
        QVERIFY(looksLikeSecret(QStringLiteral("keychain.db")));
        QVERIFY(looksLikeSecret(QStringLiteral(".env")));
        QVERIFY(!looksLikeSecret(QStringLiteral("vigil.toml")));
        QVERIFY(!looksLikeSecret(QStringLiteral("vigil.log")));
    }

    void truncatedArchiveIsRejected()
    {
        const QString archive = backupOf(dataDirCopy(QStringLiteral("truncated")));
        const QByteArray whole = readAll(archive);
        const QString file = QFileInfo(archive).fileName();

        // Cut in the middle of the journal.
        writeAll(archive, whole.left(whole.size() / 3));
        BackupCheck check = verifyBackup(archive);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check.problems, {file, QStringLiteral("truncated"), QStringLiteral("journal.sqlite")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));

        // Cut exactly before the manifest: every member read is whole, yet it is not a backup.
        const qsizetype manifestHeader = whole.lastIndexOf("manifest.json");
        QVERIFY(manifestHeader > 0);
        writeAll(archive, whole.left(manifestHeader - manifestHeader % 512));
        check = verifyBackup(archive);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check.problems, {file, QStringLiteral("manifest.json")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));

        // Marked bad once recorded, and listed as such.
        QCOMPARE(recordVerification(archive, check), QString());
        const std::vector<BackupEntry> listed = listBackups(QFileInfo(archive).absolutePath());
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed[0].status, BackupStatus::Bad);
        QVERIFY(!listed[0].problems.isEmpty());
    }

    void bitFlipIsRejected()
    {
        const QString archive = backupOf(dataDirCopy(QStringLiteral("bit-flip")));
        const QByteArray whole = readAll(archive);
        const QString file = QFileInfo(archive).fileName();

        // One bit inside the journal's pages (the first member's data starts after its
        // 512-byte header).
        QByteArray flipped = whole;
        flipped[512 + 5000] = static_cast<char>(flipped[512 + 5000] ^ 0x10);
        writeAll(archive, flipped);
        BackupCheck check = verifyBackup(archive);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check.problems, {file, QStringLiteral("journal.sqlite"), QStringLiteral("SHA-256 expected"),
                                           QStringLiteral("actual")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));

        // One bit in a member's header: the archive itself is damaged.
        for (const qsizetype at : {qsizetype(10), whole.lastIndexOf("manifest.json") + 3}) {
            flipped = whole;
            flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
            writeAll(archive, flipped);
            check = verifyBackup(archive);
            QVERIFY(!check.ok());
            QVERIFY2(mentions(check.problems, {file, QStringLiteral("damaged")}),
                     qPrintable(check.problems.join(QLatin1Char('\n'))));
        }

        // The original still verifies: the checks above found the flips, not the archive.
        writeAll(archive, whole);
        QVERIFY(verifyBackup(archive).ok());
    }

    void tamperedArchiveIsRejected()
    {
        const QString data = dataDirCopy(QStringLiteral("tampered"));
        writeAll(data + QStringLiteral("/vigil.toml"), "[simulator]\nspeed = 60\n");
        const QString archive = backupOf(data);
        const auto original = members(archive);
        QCOMPARE(original.size(), std::size_t(4));
        QVERIFY(verifyBackup(archive).ok());

        // A member rewritten, the manifest left alone.
        auto changed = original;
        changed[2].second.replace("60", "99");
        writeMembers(archive, changed);
        BackupCheck check = verifyBackup(archive);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check.problems, {QStringLiteral("config/vigil.toml"), QStringLiteral("changed or damaged")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));

        // A member resized.
        changed = original;
        changed[2].second += "speed = 1\n";
        writeMembers(archive, changed);
        check = verifyBackup(archive);
        QVERIFY2(mentions(check.problems, {QStringLiteral("config/vigil.toml"), QStringLiteral("bytes")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));

        // A member removed; one added.
        changed = original;
        changed.erase(changed.begin() + 1);
        changed.insert(changed.begin(), {QStringLiteral("config/extra.toml"), QByteArray("x = 1\n")});
        writeMembers(archive, changed);
        check = verifyBackup(archive);
        QVERIFY(mentions(check.problems, {QStringLiteral("paper-broker.sqlite"), QStringLiteral("missing")}));
        QVERIFY(mentions(check.problems, {QStringLiteral("config/extra.toml"), QStringLiteral("not in the manifest")}));

        // A member twice.
        changed = original;
        changed.insert(changed.begin() + 1, original[0]);
        writeMembers(archive, changed);
        QVERIFY(mentions(verifyBackup(archive).problems, {QStringLiteral("journal.sqlite"), QStringLiteral("twice")}));

        // A manifest that is not one.
        changed = original;
        changed.back().second = "{ not json";
        writeMembers(archive, changed);
        QVERIFY(mentions(verifyBackup(archive).problems, {QStringLiteral("manifest.json"), QStringLiteral("JSON")}));

        // The journal damaged with its checksum redone: the integrity check finds it.
        changed = original;
        QByteArray &journal = changed[0].second;
        for (qsizetype i = 4096; i < journal.size(); i += 4096) // every page's header after the first
            journal[i] = static_cast<char>(0x7f);
        QJsonObject manifest = QJsonDocument::fromJson(changed.back().second).object();
        QJsonArray list = manifest.value(QStringLiteral("members")).toArray();
        QJsonObject first = list.at(0).toObject();
        first.insert(QStringLiteral("sha256"),
                     QString::fromLatin1(QCryptographicHash::hash(journal, QCryptographicHash::Sha256).toHex()));
        list.replace(0, first);
        manifest.insert(QStringLiteral("members"), list);
        changed.back().second = QJsonDocument(manifest).toJson();
        writeMembers(archive, changed);
        check = verifyBackup(archive);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check.problems, {QStringLiteral("is not the file that was written")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));
        // Without the record of what was written (a copy elsewhere), the integrity check
        // still finds it.
        QVERIFY(QFile::remove(verificationRecordPath(archive)));
        check = verifyBackup(archive);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check.problems, {QStringLiteral("journal.sqlite")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));
    }

    void newerSchemaIsRefusedOlderAccepted()
    {
        // Older: a version 1 journal backs up and verifies, noting the migration.
        const QString old = m_dir.filePath(QStringLiteral("old-schema"));
        QVERIFY(QDir().mkpath(old));
        {
            QCOMPARE(openJournalDatabase(old + QStringLiteral("/journal.sqlite"), QStringLiteral("old")), QString());
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("old"));
            QCOMPARE(migrateJournal(db, 1), QString());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        const QString archive = backupOf(old);
        BackupCheck check = verifyBackup(archive);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QLatin1Char('\n'))));
        QCOMPARE(check.schemaVersion, 1);
        QVERIFY2(check.note.contains(QStringLiteral("older")) && check.note.contains(QStringLiteral("migrates")),
                 qPrintable(check.note));
        QCOMPARE(check.manifest->schemaVersion, 1);

        // Newer: this build does not back up a journal it could not read ...
        const QString newer = dataDirCopy(QStringLiteral("new-schema"));
        execute(newer + QStringLiteral("/journal.sqlite"),
                {QStringLiteral("PRAGMA user_version = %1").arg(kJournalSchemaVersion + 1)});
        BackupRequest request;
        request.dataDir = newer;
        const BackupResult refused = createBackup(request);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(QStringLiteral("newer than this build")), qPrintable(refused.error));
        QVERIFY(refused.path.isEmpty());
        QVERIFY(listBackups(newer + QStringLiteral("/backups")).empty());

        // ... and refuses a backup of one that a newer Vigil wrote, naming the versions.
        const QString good = backupOf(dataDirCopy(QStringLiteral("new-schema-archive")));
        auto list = members(good);
        const QString extracted = m_dir.filePath(QStringLiteral("newer.sqlite"));
        writeAll(extracted, list[0].second);
        execute(extracted, {QStringLiteral("PRAGMA user_version = %1").arg(kJournalSchemaVersion + 1)});
        list[0].second = readAll(extracted);
        QJsonObject manifest = QJsonDocument::fromJson(list.back().second).object();
        QJsonArray entries = manifest.value(QStringLiteral("members")).toArray();
        QJsonObject journal = entries.at(0).toObject();
        journal.insert(
            QStringLiteral("sha256"),
            QString::fromLatin1(QCryptographicHash::hash(list[0].second, QCryptographicHash::Sha256).toHex()));
        journal.insert(QStringLiteral("size"), list[0].second.size());
        entries.replace(0, journal);
        manifest.insert(QStringLiteral("members"), entries);
        manifest.insert(QStringLiteral("schema_version"), kJournalSchemaVersion + 1);
        manifest.insert(QStringLiteral("app_version"), QStringLiteral("9.9.9"));
        list.back().second = QJsonDocument(manifest).toJson();
        writeMembers(good, list);
        QFile::remove(verificationRecordPath(good)); // a newer Vigil's own archive: this one's record is not about it
        check = verifyBackup(good);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check.problems, {QStringLiteral("schema version %1").arg(kJournalSchemaVersion + 1),
                                           QStringLiteral("newer than this build's %1").arg(kJournalSchemaVersion),
                                           QStringLiteral("9.9.9")}),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));
    }

    void backupWhileFillsAreCommitted()
    {
        // A journal of 200,000 fills, and a thread committing more as fast as the disk lets
        // it, in transactions of 50, while the backup is taken.
        const QString data = m_dir.filePath(QStringLiteral("busy"));
        QVERIFY(QDir().mkpath(data));
        const QString path = data + QStringLiteral("/journal.sqlite");
        {
            QCOMPARE(openJournalDatabase(path, QStringLiteral("busy")), QString());
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("busy"));
            QCOMPARE(migrateJournal(db), QString());
            QSqlQuery q(db);
            QVERIFY(db.transaction());
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, side, type, qty, "
                "status, filled_qty, created_at, updated_at) VALUES ('o1', '2026-11-20', 1, 's', 'AAPL', 'buy', "
                "'market', "
                "1000000000, 'working', 0, 0, 0)")));
            QVERIFY(q.exec(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
                "INSERT INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, side, qty, price, fee) "
                "SELECT i, 'o1', 'x' || i, i, 's', 'AAPL', 'buy', 1, 1000000, 35 FROM n")));
            QVERIFY(db.commit());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("busy"));

        std::atomic<bool> stop{false};
        std::atomic<qint64> committed{200000};
        QString writerError;
        std::thread writer([&] {
            {
                if (const QString e = openJournalDatabase(path, QStringLiteral("busy-writer")); !e.isEmpty()) {
                    writerError = e;
                    return;
                }
                QSqlDatabase db = QSqlDatabase::database(QStringLiteral("busy-writer"));
                QSqlQuery q(db);
                q.prepare(QStringLiteral(
                    "INSERT INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, "
                    "side, qty, price, fee) VALUES (?, 'o1', ?, ?, 's', 'AAPL', 'buy', 1, 1000000, 35)"));
                qint64 seq = committed.load();
                while (!stop.load() && writerError.isEmpty()) {
                    db.transaction();
                    for (int i = 0; i < 50; ++i) {
                        ++seq;
                        q.bindValue(0, seq);
                        q.bindValue(1, QStringLiteral("x%1").arg(seq));
                        q.bindValue(2, seq);
                        if (!q.exec())
                            writerError = q.lastError().text();
                    }
                    if (!db.commit())
                        writerError = db.lastError().text();
                    committed.store(seq);
                }
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("busy-writer"));
        });
        while (committed.load() < 200000 + 500) // the writer is going
            QThread::msleep(1);
        const qint64 before = committed.load();
        BackupRequest request;
        request.dataDir = data;
        const BackupResult r = createBackup(request);
        const qint64 after = committed.load();
        QThread::msleep(50);
        stop.store(true);
        writer.join();
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(after > before, "the writer committed nothing while the backup ran");

        // The snapshot is one commit's state: whole transactions, between the two counts.
        const BackupCheck check = verifyBackup(r.path);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QLatin1Char('\n'))));
        const QString snapshot = m_dir.filePath(QStringLiteral("busy-snapshot.sqlite"));
        writeAll(snapshot, members(r.path).at(0).second);
        const qint64 fills = scalar(snapshot, QStringLiteral("SELECT COUNT(*) FROM fills"));
        QVERIFY2(fills >= before && fills <= after,
                 qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(fills).arg(before).arg(after)));
        QCOMPARE(fills % 50, 0);
        QCOMPARE(scalar(snapshot, QStringLiteral("SELECT MAX(seq) FROM fills")), fills);
    }

    void restoreRoundTripTakesASafetyBackupFirst()
    {
        const QString data = dataDirCopy(QStringLiteral("restore"));
        const QString config = m_dir.filePath(QStringLiteral("restore-etc/vigil.toml"));
        writeAll(config, "[simulator]\nspeed = 60\n");
        BackupRequest request;
        request.dataDir = data;
        request.configFiles = {config};
        const BackupResult backup = createBackup(request);
        QVERIFY2(backup.ok(), qPrintable(backup.error));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QString query =
            QStringLiteral("SELECT seq, client_order_id, execution_id, qty, price FROM fills ORDER BY seq");
        const QStringList fillsAtBackup = rows(journal, query);

        // Later: more was journaled, the configuration changed.
        execute(journal, {QStringLiteral("DELETE FROM fills WHERE seq = (SELECT MAX(seq) FROM fills)"),
                          QStringLiteral(
                              "INSERT INTO alerts (at, severity, source, message) VALUES (1, 'info', 't', 'later')")});
        writeAll(config, "[simulator]\nspeed = 99\n");
        const QByteArray laterJournal = readAll(journal);

        // The dry run says what would change and changes nothing.
        const auto before = fingerprint(data);
        RestoreRequest dry;
        dry.backupFile = backup.path;
        dry.dataDir = data;
        dry.configTarget = config;
        dry.dryRun = true;
        const RestoreResult planned = restoreBackup(dry);
        QVERIFY2(planned.ok(), qPrintable(planned.error));
        QVERIFY(!planned.applied);
        QCOMPARE(fingerprint(data), before);
        QCOMPARE(readAll(config), QByteArray("[simulator]\nspeed = 99\n"));
        QCOMPARE(planned.plan.targets.size(), std::size_t(3));
        QCOMPARE(planned.plan.backupJournal.fills, qint64(fillsAtBackup.size()));
        QCOMPARE(planned.plan.currentJournal.fills, qint64(fillsAtBackup.size() - 1));
        QVERIFY(planned.plan.backupJournal.orders > 0);
        QVERIFY(planned.plan.backupJournal.openPositions >= 0);
        QCOMPARE(planned.plan.backupJournal.lastSession, QStringLiteral("2026-11-20"));
        QCOMPARE(planned.plan.configDifferences,
                 (QStringList{QStringLiteral("vigil.toml: - speed = 99"), QStringLiteral("vigil.toml: + speed = 60")}));
        QVERIFY(planned.plan.dataLossSeconds >= 0 && planned.plan.dataLossSeconds < 600);

        // The restore itself.
        RestoreRequest real = dry;
        real.dryRun = false;
        std::vector<int> percents;
        const RestoreResult restored =
            restoreBackup(real, [&](int percent, const QString &) { percents.push_back(percent); });
        QVERIFY2(restored.ok(), qPrintable(restored.error));
        QVERIFY(restored.applied);
        QCOMPARE(percents.back(), 100);
        QCOMPARE(rows(journal, query), fillsAtBackup);
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM alerts WHERE message = 'later'")), qint64(0));
        QCOMPARE(readAll(config), QByteArray("[simulator]\nspeed = 60\n"));
        QVERIFY(verifyJournal(journal).ok());
        // Nothing of the swap is left: no plan, no staging directory.
        QVERIFY(!QFile::exists(restoreIntentPath(data)));
        QCOMPARE(QDir(data).entryList({QStringLiteral(".restore-*")}, QDir::AllEntries | QDir::Hidden), QStringList());

        // The safety backup holds the state just before, configuration included.
        QVERIFY(restored.safetyBackup.endsWith(QStringLiteral("-pre-restore.tar")));
        const BackupCheck safety = verifyBackup(restored.safetyBackup);
        QVERIFY(safety.ok());
        QCOMPARE(safety.manifest->type, BackupType::PreRestore);
        const auto saved = members(restored.safetyBackup);
        QCOMPARE(saved.at(2).second, QByteArray("[simulator]\nspeed = 99\n"));
        const QString savedJournal = m_dir.filePath(QStringLiteral("restore-safety.sqlite"));
        writeAll(savedJournal, saved.at(0).second);
        QCOMPARE(scalar(savedJournal, QStringLiteral("SELECT COUNT(*) FROM alerts WHERE message = 'later'")),
                 qint64(1));
        Q_UNUSED(laterJournal);
    }

    void restoreOnlyConfigOrOnlyJournal()
    {
        const QString data = dataDirCopy(QStringLiteral("restore-only"));
        const QString config = m_dir.filePath(QStringLiteral("restore-only-etc/vigil.toml"));
        writeAll(config, "[simulator]\nspeed = 60\n");
        BackupRequest request;
        request.dataDir = data;
        request.configFiles = {config};
        const QString archive = createBackup(request).path;
        QVERIFY(!archive.isEmpty());
        const QString journal = data + QStringLiteral("/journal.sqlite");
        execute(journal, {QStringLiteral(
                             "INSERT INTO alerts (at, severity, source, message) VALUES (1, 'info', 't', 'later')")});
        writeAll(config, "[simulator]\nspeed = 99\n");
        const QByteArray broker = readAll(data + QStringLiteral("/paper-broker.sqlite"));

        RestoreRequest r;
        r.backupFile = archive;
        r.dataDir = data;
        r.configTarget = config;
        r.scope = RestoreScope::Config;
        QVERIFY(restoreBackup(r).ok());
        QCOMPARE(readAll(config), QByteArray("[simulator]\nspeed = 60\n"));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM alerts WHERE message = 'later'")), qint64(1));

        writeAll(config, "[simulator]\nspeed = 99\n");
        r.scope = RestoreScope::Journal;
        QVERIFY(restoreBackup(r).ok());
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM alerts WHERE message = 'later'")), qint64(0));
        QCOMPARE(readAll(config), QByteArray("[simulator]\nspeed = 99\n"));       // left alone
        QCOMPARE(readAll(data + QStringLiteral("/paper-broker.sqlite")), broker); // the broker's own books too
    }

    void badBackupIsRejectedBeforeAnythingLiveIsTouched()
    {
        const QString data = dataDirCopy(QStringLiteral("restore-bad"));
        const QString archive = backupOf(data);
        QByteArray bytes = readAll(archive);
        bytes[512 + 7000] = static_cast<char>(bytes[512 + 7000] ^ 0x20);
        writeAll(archive, bytes);
        QFile::remove(verificationRecordPath(archive));
        const auto before = fingerprint(data);
        RestoreRequest r;
        r.backupFile = archive;
        r.dataDir = data;
        r.configTarget = m_dir.filePath(QStringLiteral("restore-bad.toml"));
        const RestoreResult result = restoreBackup(r);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("journal.sqlite"))
                     && result.error.contains(QStringLiteral("nothing was touched")),
                 qPrintable(result.error));
        QCOMPARE(fingerprint(data), before); // no safety backup either: nothing was about to change
        QVERIFY(!QFile::exists(r.configTarget));

        // A newer schema is refused the same way.
        const QString newer = dataDirCopy(QStringLiteral("restore-newer"));
        const QString good = backupOf(newer);
        auto list = members(good);
        const QString extracted = m_dir.filePath(QStringLiteral("restore-newer.sqlite"));
        writeAll(extracted, list[0].second);
        execute(extracted, {QStringLiteral("PRAGMA user_version = %1").arg(kJournalSchemaVersion + 1)});
        list[0].second = readAll(extracted);
        QJsonObject manifest = QJsonDocument::fromJson(list.back().second).object();
        QJsonArray entries = manifest.value(QStringLiteral("members")).toArray();
        QJsonObject first = entries.at(0).toObject();
        first.insert(QStringLiteral("sha256"),
                     QString::fromLatin1(QCryptographicHash::hash(list[0].second, QCryptographicHash::Sha256).toHex()));
        entries.replace(0, first);
        manifest.insert(QStringLiteral("members"), entries);
        manifest.insert(QStringLiteral("schema_version"), kJournalSchemaVersion + 1);
        list.back().second = QJsonDocument(manifest).toJson();
        writeMembers(good, list);
        QFile::remove(verificationRecordPath(good)); // a newer Vigil's own archive: this one's record is not about it
        const auto newerBefore = fingerprint(newer);
        r.backupFile = good;
        r.dataDir = newer;
        const RestoreResult refused = restoreBackup(r);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(QStringLiteral("newer than this build")), qPrintable(refused.error));
        QCOMPARE(fingerprint(newer), newerBefore);
    }

    void olderSchemaIsRestoredAndMigrated()
    {
        const QString old = m_dir.filePath(QStringLiteral("restore-old"));
        QVERIFY(QDir().mkpath(old));
        {
            QCOMPARE(openJournalDatabase(old + QStringLiteral("/journal.sqlite"), QStringLiteral("restore-old")),
                     QString());
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("restore-old"));
            QCOMPARE(migrateJournal(db, 1), QString());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("restore-old"));
        const QString archive = backupOf(old);
        const QString fresh = m_dir.filePath(QStringLiteral("restore-old-fresh")); // a new machine
        RestoreRequest r;
        r.backupFile = archive;
        r.dataDir = fresh;
        r.scope = RestoreScope::Journal;
        const RestoreResult result = restoreBackup(r);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.safetyBackup.isEmpty()); // nothing to save in an empty directory
        QCOMPARE(scalar(fresh + QStringLiteral("/journal.sqlite"), QStringLiteral("PRAGMA user_version")),
                 qint64(kJournalSchemaVersion));
        QVERIFY(result.steps.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("migrated the journal from schema version 1")));
    }

    void restoredJournalFailingItsChecksIsPutBack()
    {
        // A backup whose journal is sound for SQLite but breaks Vigil's invariants (an
        // order's filled quantity no longer equals its fills).
        const QString bad = dataDirCopy(QStringLiteral("restore-invariant"));
        execute(bad + QStringLiteral("/journal.sqlite"),
                {QStringLiteral("UPDATE fills SET qty = qty + 1 WHERE seq = (SELECT MIN(seq) FROM fills)")});
        const QString archive = backupOf(bad);
        const QString data = dataDirCopy(QStringLiteral("restore-invariant-target"));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QByteArray before = readAll(journal);
        const QByteArray brokerBefore = readAll(data + QStringLiteral("/paper-broker.sqlite"));
        RestoreRequest r;
        r.backupFile = archive;
        r.dataDir = data;
        r.configTarget = m_dir.filePath(QStringLiteral("restore-invariant.toml"));
        const RestoreResult result = restoreBackup(r);
        QVERIFY(!result.ok());
        QVERIFY(!result.applied);
        QVERIFY2(result.error.contains(QStringLiteral("fail their checks"))
                     && result.error.contains(QStringLiteral("put back")),
                 qPrintable(result.error));
        QCOMPARE(readAll(journal), before);
        QCOMPARE(readAll(data + QStringLiteral("/paper-broker.sqlite")), brokerBefore);
        QVERIFY(!QFile::exists(restoreIntentPath(data)));
        QCOMPARE(QDir(data).entryList({QStringLiteral(".restore-*")}, QDir::AllEntries | QDir::Hidden), QStringList());
    }

    void restoreRefusesARunningVigilAndKeepsADamagedJournal()
    {
        const QString data = dataDirCopy(QStringLiteral("restore-locked"));
        const QString archive = backupOf(data);
        RestoreRequest r;
        r.backupFile = archive;
        r.dataDir = data;
        r.scope = RestoreScope::Journal;
        {
            const InstanceLock running(data);
            QVERIFY(running.error().isEmpty());
            const RestoreResult refused = restoreBackup(r);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error.contains(QStringLiteral("nothing was restored")), qPrintable(refused.error));
        }
        // The journal is garbage now (scenario B): it cannot be backed up, so it is kept as it
        // is beside the restored one.
        writeAll(data + QStringLiteral("/journal.sqlite"), QByteArray(8192, 'x'));
        const RestoreResult result = restoreBackup(r);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(verifyJournal(data + QStringLiteral("/journal.sqlite")).ok());
        const QStringList damaged = QDir(data).entryList({QStringLiteral("damaged-*")}, QDir::Dirs);
        QCOMPARE(damaged.size(), 1);
        QCOMPARE(readAll(data + QLatin1Char('/') + damaged.first() + QStringLiteral("/journal.sqlite")),
                 QByteArray(8192, 'x'));
    }

    void interruptedSwapIsFinished()
    {
        // The state a crash leaves between two renames: the plan written, the journal's swap
        // done, the broker's not; the old journal's -wal still beside it.
        const QString data = dataDirCopy(QStringLiteral("restore-crash"));
        const QString staging = data + QStringLiteral("/.restore-Ab12Cd");
        const QString staged = staging + QStringLiteral("/staged");
        writeAll(staged + QStringLiteral("/paper-broker.sqlite"), "new broker");
        writeAll(data + QStringLiteral("/paper-broker.sqlite-wal"), "old broker's wal");
        writeAll(data + QStringLiteral("/journal.sqlite"), "new journal"); // renamed into place already
        QJsonArray steps;
        for (const char *name : {"journal.sqlite", "paper-broker.sqlite"})
            steps.append(
                QJsonObject{{QStringLiteral("staged"), staged + QLatin1Char('/') + QLatin1String(name)},
                            {QStringLiteral("live"), data + QLatin1Char('/') + QLatin1String(name)},
                            {QStringLiteral("replaced"), staging + QStringLiteral("/replaced/") + QLatin1String(name)},
                            {QStringLiteral("database"), true}});
        writeAll(restoreIntentPath(data), QJsonDocument(QJsonObject{{QStringLiteral("staging"), staging},
                                                                    {QStringLiteral("keep_replaced_as"), QString()},
                                                                    {QStringLiteral("steps"), steps}})
                                              .toJson());
        bool finished = false;
        QCOMPARE(completeInterruptedRestore(data, &finished), QString());
        QVERIFY(finished);
        QCOMPARE(readAll(data + QStringLiteral("/journal.sqlite")), QByteArray("new journal"));
        QCOMPARE(readAll(data + QStringLiteral("/paper-broker.sqlite")), QByteArray("new broker"));
        QVERIFY(!QFile::exists(data + QStringLiteral("/paper-broker.sqlite-wal"))); // never meets the new file
        QVERIFY(!QFile::exists(restoreIntentPath(data)));
        QVERIFY(!QFileInfo::exists(staging));
        // Nothing to do the second time.
        QCOMPARE(completeInterruptedRestore(data, &finished), QString());
        QVERIFY(!finished);
    }

    void retentionKeepsDailyWeeklyMonthly()
    {
        const QDateTime now(QDate(2026, 12, 1), QTime(22, 0), Qt::UTC);
        std::vector<BackupEntry> list;
        for (int day = 0; day < 500; ++day) { // one daily backup every evening for 500 days
            const QDateTime at = now.addDays(-day).addSecs(-3600);
            list.push_back(entry(QStringLiteral("daily-%1").arg(day), at, BackupType::Daily));
        }
        const RetentionDecision d = decideRetention(list, RetentionPolicy{}, now);
        QCOMPARE(d.keep.size() + d.remove.size(), list.size());
        const QStringList kept = paths(d.keep);
        for (int day = 0; day < 30; ++day) // the last 30 days
            QVERIFY2(kept.contains(QStringLiteral("daily-%1").arg(day)), qPrintable(QString::number(day)));
        // 12 weeks: the newest of each ISO week (a Sunday), 12 months: the newest of each month.
        std::map<QString, int> weeks, months;
        for (const RetentionItem &k : d.keep) {
            const QDate date = k.entry.createdAt.date();
            int year = 0;
            const int week = date.weekNumber(&year);
            ++weeks[QStringLiteral("%1-%2").arg(year).arg(week)];
            ++months[date.toString(QStringLiteral("yyyy-MM"))];
        }
        QVERIFY(weeks.size() >= 12);
        QCOMPARE(months.size(), std::size_t(12));
        QVERIFY(kept.contains(QStringLiteral("daily-1"))); // 2026-11-30, the newest of November
        QVERIFY(!kept.contains(QStringLiteral("daily-499")));
        QVERIFY(kept.contains(QStringLiteral("daily-31")));  // 2026-10-31, the newest of October
        QVERIFY(kept.contains(QStringLiteral("daily-37")));  // 2026-10-25, the Sunday ending its week
        QVERIFY(!kept.contains(QStringLiteral("daily-40"))); // 2026-10-22, a Thursday: neither
        // Nothing else: 30 days, plus at most 12 weeks and 12 months beyond them.
        QVERIFY2(d.keep.size() <= 30 + 12 + 12, qPrintable(QString::number(d.keep.size())));
        QVERIFY(d.keep.size() >= 30 + 12 - 5 + 12 - 2);
        const QDate oldestMonthly = QDate(2026, 12, 1).addMonths(-11);
        for (const RetentionItem &k : d.keep)
            QVERIFY(k.entry.createdAt.date() >= QDate(oldestMonthly.year(), oldestMonthly.month(), 1));

        // Smaller numbers from the parameters.
        const RetentionDecision small = decideRetention(list, RetentionPolicy{7, 0, 0, 90, 5}, now);
        QCOMPARE(small.keep.size(), std::size_t(7));
    }

    void retentionPrefersVerifiedAndKeepsTheNewestVerified()
    {
        const QDateTime now(QDate(2026, 12, 1), QTime(22, 0), Qt::UTC);
        const RetentionPolicy nothing{0, 0, 0, 0, 0};
        // With every number at zero, only the newest verified backup stays.
        std::vector<BackupEntry> list{
            entry(QStringLiteral("a"), now.addDays(-3), BackupType::Daily),
            entry(QStringLiteral("b"), now.addDays(-2), BackupType::Daily),
            entry(QStringLiteral("c"), now.addDays(-1), BackupType::Daily, BackupStatus::Unverified),
            entry(QStringLiteral("d"), now.addSecs(-60), BackupType::Manual, BackupStatus::Bad),
            entry(QStringLiteral("e"), now.addDays(-4), BackupType::Daily, BackupStatus::Bad)};
        RetentionDecision d = decideRetention(list, nothing, now);
        // b: the newest verified; d: bad but newer than anything verified (the evidence).
        QCOMPARE(paths(d.keep), (QStringList{QStringLiteral("d"), QStringLiteral("b")}));
        QCOMPARE(paths(d.remove), (QStringList{QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("e")}));
        QVERIFY(d.keep[1].reason.contains(QStringLiteral("newest verified")));

        // In one day, the verified backup stands for the day, not the newer unverified one.
        list = {entry(QStringLiteral("morning"), now.addSecs(-8 * 3600), BackupType::Daily),
                entry(QStringLiteral("evening"), now.addSecs(-60), BackupType::Daily, BackupStatus::Unverified)};
        d = decideRetention(list, RetentionPolicy{1, 0, 0, 0, 0}, now);
        QCOMPARE(paths(d.keep), QStringList{QStringLiteral("morning")});

        // Other types: the newest 5 of each whatever their age, the rest for 90 days.
        list.clear();
        for (int i = 0; i < 8; ++i) {
            list.push_back(entry(QStringLiteral("manual-%1").arg(i), now.addDays(-40 * i), BackupType::Manual));
            list.push_back(
                entry(QStringLiteral("pre-restore-%1").arg(i), now.addDays(-200 - i), BackupType::PreRestore));
        }
        d = decideRetention(list, RetentionPolicy{}, now);
        const QStringList kept = paths(d.keep);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(kept.contains(QStringLiteral("manual-%1").arg(i)));
            QVERIFY(kept.contains(QStringLiteral("pre-restore-%1").arg(i)));
        }
        QVERIFY(!kept.contains(QStringLiteral("manual-5"))); // 200 days old, sixth newest
        QVERIFY(!kept.contains(QStringLiteral("pre-restore-7")));
        QCOMPARE(d.keep.size(), std::size_t(10));

        // Intraday backups (a full copy every few minutes): only the newest N of them, however
        // young; a bad one counts for nothing once a newer one is verified.
        list.clear();
        for (int i = 0; i < 6; ++i)
            list.push_back(entry(QStringLiteral("intraday-%1").arg(i), now.addSecs(-300 * i), BackupType::Intraday,
                                 i == 1 ? BackupStatus::Bad : BackupStatus::Verified));
        list.push_back(entry(QStringLiteral("daily"), now.addDays(-1), BackupType::Daily));
        RetentionPolicy two;
        two.intraday = 2;
        d = decideRetention(list, two, now);
        QCOMPARE(paths(d.keep),
                 (QStringList{QStringLiteral("intraday-0"), QStringLiteral("intraday-2"), QStringLiteral("daily")}));
        QVERIFY(d.keep[1].reason.contains(QStringLiteral("newest 2 intraday")));
    }

    void everyTypeNamesItsFileAndIsReadBack()
    {
        const QDateTime at(QDate(2026, 11, 20), QTime(21, 5, 7, 123), Qt::UTC);
        for (BackupType type : {BackupType::Daily, BackupType::PreRestore, BackupType::PreMigration, BackupType::Manual,
                                BackupType::Intraday}) {
            const QString name = backupFileName(at, type);
            QCOMPARE(backupTypeFromText(backupTypeText(type)), std::optional<BackupType>(type));
            const auto parsed = parseBackupFileName(name);
            QVERIFY2(parsed, qPrintable(name));
            QCOMPARE(parsed->first, at);
            QCOMPARE(parsed->second, type);
        }
        QVERIFY(!parseBackupFileName(QStringLiteral("vigil-backup-20261120T210507123Z-hourly.tar")));
    }

    void pruneDeletesArchivesRecordsAndLeftovers()
    {
        const QString dir = m_dir.filePath(QStringLiteral("prune"));
        QVERIFY(QDir().mkpath(dir));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList archives;
        for (int day = 0; day < 5; ++day) {
            const QString path = dir + QLatin1Char('/') + backupFileName(now.addDays(-day), BackupType::Daily);
            writeAll(path, "archive");
            QJsonObject record{{QStringLiteral("ok"), true},
                               {QStringLiteral("archive_size"), 7},
                               {QStringLiteral("verified_at"), isoUtc(now)}};
            writeAll(verificationRecordPath(path), QJsonDocument(record).toJson());
            archives << path;
        }
        const QString stale =
            dir + QLatin1Char('/') + backupFileName(now.addDays(-9), BackupType::Manual) + QStringLiteral(".Ab12Cd");
        writeAll(stale, "half an archive");
        QFile staleFile(stale);
        QVERIFY(staleFile.open(QIODevice::ReadWrite));
        QVERIFY(staleFile.setFileTime(QDateTime::currentDateTime().addSecs(-7200), QFileDevice::FileModificationTime));
        staleFile.close();
        const QString fresh = dir + QStringLiteral("/.staging-Xy12Zw");
        QVERIFY(QDir().mkpath(fresh)); // may be a backup running now

        QCOMPARE(listBackups(dir).size(), std::size_t(5));
        QCOMPARE(unfinishedLeftovers(dir).size(), 2);
        const PruneResult r = pruneBackups(dir, RetentionPolicy{2, 0, 0, 90, 5}, now);
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(r.decision.remove.size(), std::size_t(3));
        for (int day = 0; day < 5; ++day) {
            QCOMPARE(QFile::exists(archives[day]), day < 2);
            QCOMPARE(QFile::exists(verificationRecordPath(archives[day])), day < 2);
        }
        QCOMPARE(r.removedLeftovers, QStringList{stale});
        QVERIFY(!QFile::exists(stale));
        QVERIFY(QFileInfo::exists(fresh));
    }

    void failedBackupLeavesNothingThatLooksLikeOne()
    {
        const QString data = dataDirCopy(QStringLiteral("failure"));
        const QString backups = data + QStringLiteral("/backups");
        BackupRequest request;
        request.dataDir = data;
        // The process is stopped while the manifest is being written (a crash, or a full
        // disk would do the same).
        bool thrown = false;
        try {
            createBackup(request, [](int, const QString &step) {
                if (step.startsWith(QStringLiteral("writing the manifest")))
                    throw std::runtime_error("stopped");
            });
        } catch (const std::runtime_error &) {
            thrown = true;
        }
        QVERIFY(thrown);
        QVERIFY(listBackups(backups).empty());
        QCOMPARE(QDir(backups).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());

        // A configuration file that cannot be read: no backup, the file named.
        request.configFiles = {m_dir.filePath(QStringLiteral("no-such.toml"))};
        const BackupResult r = createBackup(request);
        QVERIFY(!r.ok());
        QVERIFY(r.path.isEmpty());
        QVERIFY2(r.error.contains(QStringLiteral("no-such.toml")), qPrintable(r.error));
        QVERIFY(listBackups(backups).empty());

        // A live journal with a page nothing owns: its snapshot is checked while the archive
        // is written, fails, and the archive is never published.
        const QString damaged = dataDirCopy(QStringLiteral("orphan-page"));
        execute(damaged + QStringLiteral("/journal.sqlite"),
                {QStringLiteral("CREATE TABLE scratch (a)"), QStringLiteral("CREATE INDEX scratch_a ON scratch (a)"),
                 QStringLiteral("INSERT INTO scratch VALUES (1), (2), (3)"),
                 QStringLiteral("PRAGMA writable_schema=ON"),
                 QStringLiteral("DELETE FROM sqlite_schema WHERE name = 'scratch_a'")});
        request.dataDir = damaged;
        request.configFiles.clear();
        const BackupResult refused = createBackup(request);
        QVERIFY(!refused.ok());
        QVERIFY(refused.path.isEmpty());
        QVERIFY2(refused.error.contains(QStringLiteral("fails its checks"))
                     && refused.error.contains(QStringLiteral("never used")),
                 qPrintable(refused.error));
        QCOMPARE(QDir(damaged + QStringLiteral("/backups"))
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());

        // No data directory at all.
        request.dataDir = m_dir.filePath(QStringLiteral("nowhere"));
        request.configFiles.clear();
        QVERIFY(createBackup(request).error.contains(QStringLiteral("does not exist")));
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
