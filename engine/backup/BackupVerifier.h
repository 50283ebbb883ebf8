#pragma once
// Checks a backup file: every member's SHA-256 and size against the manifest, no member
// missing or added, and the journal snapshot itself (SQLite's integrity and foreign-key
// checks, then the schema gate: older than this build restores with a migration, newer is
// refused). The result is kept next to the archive (`<archive>.verified.json`) so a
// listing can show it without reading every archive again. Any thread.

#include "backup/BackupManifest.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace vigil {

struct BackupCheck {
    QStringList problems;                  ///< one readable line each, naming file and member
    std::optional<BackupManifest> manifest;
    int schemaVersion = -1;                ///< of the journal inside (-1: none or unreadable)
    QString note;                          ///< e.g. an older schema that a restore migrates
    bool ok() const { return problems.isEmpty() && manifest.has_value(); }
};

enum class DatabaseChecks {
    Extract, ///< extract every database member to a scratch directory and check it
    Skip     ///< checksums only (the writer checked the very bytes before archiving them)
};

/// Verifies the archive at `path`. Changes nothing, except that with `extractTo` (an
/// existing directory) every member but the manifest is also written there, so what is
/// checked is what a restore puts in place.
BackupCheck verifyBackup(const QString &path, const BackupProgress &progress = {},
                         DatabaseChecks databases = DatabaseChecks::Extract, const QString &extractTo = {});

/// The schema gate for a journal snapshot of `version`: a problem (newer than this build),
/// or a note (older: a restore migrates it), or neither.
void applySchemaGate(int version, const QString &appVersion, BackupCheck &check);

/// Where the verification of `archive` is recorded.
QString verificationRecordPath(const QString &archive);

struct VerificationRecord {
    bool ok = false;
    QDateTime verifiedAt;
    QStringList problems;
    QString note;
    std::int64_t archiveSize = -1; ///< the archive's size when verified
    std::optional<BackupManifest> manifest;
};

/// Writes the record atomically. Empty or the reason.
QString recordVerification(const QString &archive, const BackupCheck &check);
/// The record of `archive`, if there is a readable one.
std::optional<VerificationRecord> readVerification(const QString &archive);

} // namespace vigil
