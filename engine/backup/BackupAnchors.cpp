#include "api/BackupAnchors.h"

#include "api/BackupCatalog.h"
#include "backup/TarArchive.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace vigil {

namespace {
constexpr std::int64_t kManifestLimitBytes = 16 << 20; ///< no manifest is larger
}

std::optional<BackupManifest> readBackupManifest(const QString &path, QString &error)
{
    TarReader tar;
    // The manifest is the archive's last member: the journal before it is jumped over.
    if (const QString e = tar.open(path, TarReader::Skipped::Seek); !e.isEmpty()) {
        error = e;
        return std::nullopt;
    }
    QString name;
    std::int64_t size = 0;
    while (true) {
        const TarReader::Next next = tar.next(name, size);
        if (next == TarReader::Next::Error) {
            error = tar.error();
            return std::nullopt;
        }
        if (next == TarReader::Next::End) {
            error = QStringLiteral("it holds no %1").arg(QLatin1String(kManifestName));
            return std::nullopt;
        }
        if (name == QLatin1String(kManifestName))
            break;
    }
    if (size > kManifestLimitBytes) {
        error = QStringLiteral("its %1 is larger than any manifest").arg(QLatin1String(kManifestName));
        return std::nullopt;
    }
    QByteArray bytes(static_cast<qsizetype>(size), Qt::Uninitialized);
    std::int64_t got = 0;
    while (got < size) {
        const std::int64_t n = tar.read(bytes.data() + got, size - got);
        if (n <= 0) {
            error = n < 0 ? tar.error() : QStringLiteral("its manifest is cut short");
            return std::nullopt;
        }
        got += n;
    }
    return BackupManifest::fromBytes(bytes, error);
}

std::vector<AuditAnchor> backupAuditAnchors(const QString &backupsDir, const QString &dataDir, QStringList &notes,
                                            const QDateTime &restoredAt)
{
    std::vector<AuditAnchor> anchors;
    std::vector<BackupEntry> backups = listBackups(backupsDir);
    std::reverse(backups.begin(), backups.end()); // oldest first
    const QString ours = QDir::cleanPath(QDir(dataDir).absolutePath());
    for (const BackupEntry &b : backups) {
        const QString file = QFileInfo(b.path).fileName();
        QString error;
        const std::optional<BackupManifest> manifest = readBackupManifest(b.path, error);
        if (!manifest) {
            notes << QStringLiteral("backup %1: not checked: its manifest cannot be read (%2; `vigil backup verify` "
                                    "says more)")
                         .arg(file, error);
            continue;
        }
        if (QDir::cleanPath(manifest->dataDir) != ours) {
            notes << QStringLiteral("backup %1: not checked: taken from another data directory (%2)")
                         .arg(file, manifest->dataDir);
            continue;
        }
        if (!manifest->auditHeadId) {
            notes << QStringLiteral("backup %1: not checked: %2")
                         .arg(file,
                              manifest->member(QLatin1String(kJournalMember))
                                  ? QStringLiteral("its manifest does not record the audit head (an older backup)")
                                  : QStringLiteral("it holds no journal"));
            continue;
        }
        if (*manifest->auditHeadId == 0) {
            notes << QStringLiteral("backup %1: not checked: its journal's audit trail was empty").arg(file);
            continue;
        }
        AuditAnchor anchor;
        anchor.source = QStringLiteral("backup %1").arg(file);
        anchor.id = *manifest->auditHeadId;
        anchor.hash = manifest->auditHeadHash;
        if (restoredAt.isValid() && manifest->createdAt < restoredAt)
            anchor.rewoundBy = QStringLiteral("the restore at %1").arg(isoUtc(restoredAt));
        anchors.push_back(anchor);
    }
    return anchors;
}

} // namespace vigil
