#include "api/BackupVerifier.h"
#include "backup/Sha256.h"

#include "backup/SqliteSnapshot.h"
#include "backup/TarArchive.h"
#include "store/Schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryDir>

#include <memory>

#include <unistd.h>
#include <vector>

namespace vigil {

namespace {

constexpr std::int64_t kChunkBytes = 1 << 20;
constexpr std::int64_t kManifestLimitBytes = 16 << 20;

bool isDatabaseMember(const QString &name)
{
    return name == QLatin1String(kJournalMember) || name == QLatin1String(kBrokerMember);
}

struct SeenMember {
    std::int64_t size = 0;
    QByteArray sha256;
};

QString hex(const QByteArray &bytes) { return QString::fromLatin1(bytes.toHex()); }

} // namespace

void applySchemaGate(int version, const QString &appVersion, BackupCheck &check)
{
    check.schemaVersion = version;
    if (version > kJournalSchemaVersion)
        check.problems << QCoreApplication::translate(
                              "Backup", "the journal in this backup has schema version %1, newer than this build's %2: "
                                        "it cannot be restored here; restore it with the Vigil that wrote it (%3) or a "
                                        "newer one")
                              .arg(version)
                              .arg(kJournalSchemaVersion)
                              .arg(appVersion.isEmpty() ? QCoreApplication::translate("Backup", "unknown version")
                                                        : appVersion);
    else if (version > 0 && version < kJournalSchemaVersion)
        check.note =
            QCoreApplication::translate(
                "Backup", "the journal has schema version %1, older than this build's %2: a restore migrates it")
                .arg(version)
                .arg(kJournalSchemaVersion);
}

BackupCheck verifyBackup(const QString &path, const BackupProgress &progress, DatabaseChecks databases,
                         const QString &extractTo)
{
    BackupCheck check;
    auto report = [&](int percent, const QString &step) {
        if (progress)
            progress(percent, step);
    };
    const QFileInfo info(path);
    const QString file = info.fileName();
    if (!info.isFile()) {
        check.problems << QCoreApplication::translate("Backup", "%1: no such backup file").arg(path);
        return check;
    }
    TarReader reader;
    if (const QString e = reader.open(path); !e.isEmpty()) {
        check.problems
            << QCoreApplication::translate("Backup", "%1 is damaged or is not a backup archive: %2").arg(file, e);
        return check;
    }
    std::unique_ptr<QTemporaryDir> scratch;
    const bool extractAll = !extractTo.isEmpty();
    if (databases == DatabaseChecks::Extract && !extractAll) {
        scratch = std::make_unique<QTemporaryDir>(info.absoluteDir().filePath(QStringLiteral(".verify-XXXXXX")));
        if (!scratch->isValid())
            scratch = std::make_unique<QTemporaryDir>();
        if (!scratch->isValid()) {
            check.problems << QCoreApplication::translate("Backup",
                                                          "%1: no scratch directory to check the journal in: %2")
                                  .arg(file, scratch->errorString());
            return check;
        }
    }

    const std::int64_t total = std::max<std::int64_t>(1, info.size());
    std::int64_t consumed = 0;
    QHash<QString, SeenMember> seen;
    QStringList order;
    QByteArray manifestBytes;
    std::vector<char> buffer(static_cast<std::size_t>(kChunkBytes));
    report(0, QStringLiteral("reading %1").arg(file));
    for (;;) {
        QString name;
        std::int64_t declared = 0;
        const TarReader::Next next = reader.next(name, declared);
        if (next == TarReader::Next::End)
            break;
        if (next == TarReader::Next::Error) {
            check.problems << QCoreApplication::translate("Backup", "%1 is damaged or truncated %2: %3")
                                  .arg(file,
                                       order.isEmpty()
                                           ? QCoreApplication::translate("Backup", "at its first member")
                                           : QCoreApplication::translate("Backup", "after member %1").arg(order.last()),
                                       reader.error());
            break;
        }
        if (seen.contains(name)) {
            check.problems << QCoreApplication::translate("Backup", "%1: member %2 appears twice").arg(file, name);
            break;
        }
        if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\'))
            || QDir::cleanPath(name) != name || name == QLatin1String("..") || name.startsWith(QLatin1String("../"))) {
            check.problems << QCoreApplication::translate("Backup", "%1: member name '%2' is not a plain relative path")
                                  .arg(file, name);
            break;
        }
        const bool isManifest = name == QLatin1String(kManifestName);
        QFile extracted;
        const QString target = extractAll                          ? QDir(extractTo).filePath(name)
                               : scratch && isDatabaseMember(name) ? scratch->filePath(name)
                                                                   : QString();
        if (!target.isEmpty() && !isManifest) {
            QDir().mkpath(QFileInfo(target).absolutePath());
            extracted.setFileName(target);
            if (!extracted.open(QIODevice::WriteOnly)) {
                check.problems << QCoreApplication::translate("Backup", "%1: cannot extract member %2 to check it: %3")
                                      .arg(file, name, extracted.errorString());
                break;
            }
        }
        Sha256 hash;
        std::int64_t size = 0;
        bool failed = false;
        for (;;) {
            const std::int64_t n = reader.read(buffer.data(), kChunkBytes);
            if (n < 0) {
                check.problems << QCoreApplication::translate(
                                      "Backup", "%1 is damaged or truncated in member %2 (%3 of %4 bytes read): %5")
                                      .arg(file, name)
                                      .arg(size)
                                      .arg(declared)
                                      .arg(reader.error());
                failed = true;
                break;
            }
            if (n == 0)
                break;
            size += n;
            if (isManifest) {
                if (size > kManifestLimitBytes) {
                    check.problems << QCoreApplication::translate(
                                          "Backup", "%1: member %2 is larger than any manifest (%3 bytes)")
                                          .arg(file, name)
                                          .arg(declared);
                    failed = true;
                    break;
                }
                manifestBytes.append(buffer.data(), n);
            } else {
                hash.addData(QByteArrayView(buffer.data(), n));
                if (extracted.isOpen() && extracted.write(buffer.data(), n) != n) {
                    check.problems << QCoreApplication::translate("Backup",
                                                                  "%1: cannot extract member %2 to check it: %3")
                                          .arg(file, name, extracted.errorString());
                    failed = true;
                    break;
                }
            }
            consumed += n;
            report(static_cast<int>(90 * consumed / total), QStringLiteral("checking %1").arg(name));
        }
        if (failed)
            break;
        if (extracted.isOpen() && extractAll && (!extracted.flush() || ::fsync(extracted.handle()) != 0)) {
            check.problems << QCoreApplication::translate("Backup", "%1: cannot write member %2 to %3: %4")
                                  .arg(file, name, extracted.fileName(), extracted.errorString());
            break;
        }
        if (extracted.isOpen())
            extracted.close();
        seen.insert(name, SeenMember{size, hash.result()});
        order << name;
    }

    if (!check.problems.isEmpty())
        return check;
    // The writer ends the archive exactly at its end-of-archive marker: a byte after it was
    // added later (a copy gone wrong, an append, a file written over a longer one), and
    // nothing that came from outside the writer is restored.
    const std::optional<TarReader::Whole> whole = reader.finish();
    if (!whole) {
        check.problems
            << QCoreApplication::translate("Backup", "%1 cannot be read to its end: %2").arg(file, reader.error());
        return check;
    }
    check.file = ArchiveDigest{whole->fileBytes, whole->sha256};
    if (whole->fileBytes != whole->archiveBytes)
        check.problems << QCoreApplication::translate(
                              "Backup", "%1 has %2 bytes after the archive's end (it ends at byte %3 of %4): something "
                                        "was appended after it was written")
                              .arg(file)
                              .arg(whole->fileBytes - whole->archiveBytes)
                              .arg(whole->archiveBytes)
                              .arg(whole->fileBytes);
    if (const std::optional<VerificationRecord> record = readVerification(path);
        record && record->written.known() && record->written != check.file)
        check.problems << QCoreApplication::translate(
                              "Backup", "%1 is not the file that was written: %2 bytes with SHA-256 %3 then, %4 bytes "
                                        "with SHA-256 %5 now")
                              .arg(file)
                              .arg(record->written.bytes)
                              .arg(hex(record->written.sha256))
                              .arg(check.file.bytes)
                              .arg(hex(check.file.sha256));
    // On to the members all the same: a member that changed is named as well.
    if (!seen.contains(QLatin1String(kManifestName))) {
        check.problems << QCoreApplication::translate("Backup",
                                                      "%1 has no %2: the archive is truncated or is not a Vigil backup")
                              .arg(file, QLatin1String(kManifestName));
        return check;
    }
    QString error;
    check.manifest = BackupManifest::fromBytes(manifestBytes, error);
    if (!check.manifest) {
        check.problems << QCoreApplication::translate("Backup", "%1: %2 is unreadable: %3")
                              .arg(file, QLatin1String(kManifestName), error);
        return check;
    }
    const BackupManifest &manifest = *check.manifest;
    for (const ManifestMember &m : manifest.members) {
        const auto it = seen.constFind(m.name);
        if (it == seen.constEnd()) {
            check.problems << QCoreApplication::translate("Backup", "%1: member %2, listed in the manifest, is missing")
                                  .arg(file, m.name);
            continue;
        }
        if (it->size != m.size)
            check.problems << QCoreApplication::translate("Backup", "%1: member %2 has %3 bytes, the manifest says %4")
                                  .arg(file, m.name)
                                  .arg(it->size)
                                  .arg(m.size);
        else if (it->sha256 != m.sha256)
            check.problems << QCoreApplication::translate(
                                  "Backup", "%1: member %2 was changed or damaged: SHA-256 expected %3, actual %4")
                                  .arg(file, m.name, hex(m.sha256), hex(it->sha256));
    }
    for (const QString &name : order)
        if (name != QLatin1String(kManifestName) && !manifest.member(name))
            check.problems << QCoreApplication::translate(
                                  "Backup", "%1: member %2 is not in the manifest (added after the backup was written)")
                                  .arg(file, name);
    if (!check.problems.isEmpty())
        return check;

    if (databases == DatabaseChecks::Skip) {
        applySchemaGate(manifest.schemaVersion, manifest.appVersion, check);
        report(100, QStringLiteral("verified"));
        return check;
    }
    report(92, QStringLiteral("checking the journal's integrity"));
    bool journalSeen = false;
    for (const ManifestMember &m : manifest.members) {
        if (!isDatabaseMember(m.name))
            continue;
        const DatabaseCheck db =
            checkDatabase(extractAll ? QDir(extractTo).filePath(m.name) : scratch->filePath(m.name),
                          FileAccess::Private); // extracted here, for this check
        for (const QString &p : db.problems)
            check.problems << QCoreApplication::translate("Backup", "%1: member %2: %3").arg(file, m.name, p);
        if (m.name == QLatin1String(kJournalMember) && db.userVersion >= 0) {
            journalSeen = true;
            if (db.userVersion != manifest.schemaVersion)
                check.problems << QCoreApplication::translate(
                                      "Backup", "%1: member %2 has schema version %3, the manifest says %4")
                                      .arg(file, m.name)
                                      .arg(db.userVersion)
                                      .arg(manifest.schemaVersion);
            applySchemaGate(db.userVersion, manifest.appVersion, check);
        }
    }
    if (!journalSeen && manifest.schemaVersion != 0)
        check.problems << QCoreApplication::translate(
                              "Backup", "%1: the manifest gives schema version %2 but the backup holds no journal")
                              .arg(file)
                              .arg(manifest.schemaVersion);
    report(100, check.ok() ? QStringLiteral("verified") : QStringLiteral("verification failed"));
    return check;
}

QString verificationRecordPath(const QString &archive) { return archive + QStringLiteral(".verified.json"); }

QString recordVerification(const QString &archive, const BackupCheck &check, const ArchiveDigest &written)
{
    QJsonObject o{{QStringLiteral("ok"), check.ok()},
                  {QStringLiteral("verified_at"), isoUtc(QDateTime::currentDateTimeUtc())},
                  {QStringLiteral("problems"), QJsonArray::fromStringList(check.problems)},
                  {QStringLiteral("note"), check.note},
                  {QStringLiteral("archive_size"), QFileInfo(archive).size()}};
    ArchiveDigest asWritten = written;
    if (!asWritten.known())
        if (const std::optional<VerificationRecord> earlier = readVerification(archive))
            asWritten = earlier->written;
    if (asWritten.known())
        o.insert(QStringLiteral("written"), QJsonObject{{QStringLiteral("size"), static_cast<qint64>(asWritten.bytes)},
                                                        {QStringLiteral("sha256"), hex(asWritten.sha256)}});
    if (check.manifest)
        o.insert(QStringLiteral("manifest"), check.manifest->toJson());
    QSaveFile out(verificationRecordPath(archive));
    if (!out.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot record the verification in %1: %2").arg(out.fileName(), out.errorString());
    out.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!out.commit())
        return QStringLiteral("cannot record the verification in %1: %2").arg(out.fileName(), out.errorString());
    return {};
}

std::optional<VerificationRecord> readVerification(const QString &archive)
{
    QFile in(verificationRecordPath(archive));
    if (!in.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(in.readAll()).object();
    if (!o.contains(QStringLiteral("ok")))
        return std::nullopt;
    VerificationRecord r;
    r.ok = o.value(QStringLiteral("ok")).toBool();
    r.verifiedAt = QDateTime::fromString(o.value(QStringLiteral("verified_at")).toString(), Qt::ISODateWithMs);
    for (const QJsonValue &p : o.value(QStringLiteral("problems")).toArray())
        r.problems << p.toString();
    r.note = o.value(QStringLiteral("note")).toString();
    r.archiveSize = o.value(QStringLiteral("archive_size")).toInteger(-1);
    const QJsonObject written = o.value(QStringLiteral("written")).toObject();
    const QByteArray writtenSha = QByteArray::fromHex(written.value(QStringLiteral("sha256")).toString().toLatin1());
    if (writtenSha.size() == 32)
        r.written = ArchiveDigest{written.value(QStringLiteral("size")).toInteger(-1), writtenSha};
    QString ignored;
    if (o.contains(QStringLiteral("manifest")))
        r.manifest = BackupManifest::fromJson(o.value(QStringLiteral("manifest")).toObject(), ignored);
    return r;
}

} // namespace vigil
