#pragma once
// Checks a backup file: nothing after the archive's end, the whole file as it was written
// (when the record kept beside it says what that was), every member's SHA-256 and size
// against the manifest, no member missing or added, and the journal snapshot itself (SQLite's integrity and foreign-key
// checks, then the schema gate: older than this build restores with a migration, newer is
// refused). The result is kept next to the archive (`<archive>.verified.json`) so a
// listing can show it without reading every archive again. Any thread.

#include "api/BackupManifest.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace vigil {

/// The archive file as a whole: its length and the SHA-256 of every byte.
struct ArchiveDigest {
    std::int64_t bytes = -1;
    QByteArray sha256; ///< raw 32 bytes
    bool known() const { return bytes >= 0 && !sha256.isEmpty(); }
    bool operator==(const ArchiveDigest &) const = default;
};

struct BackupCheck {
    QStringList problems; ///< one readable line each, naming file and member
    std::optional<BackupManifest> manifest;
    ArchiveDigest file;     ///< the file as read (unknown when it could not be read to its end)
    int schemaVersion = -1; ///< of the journal inside (-1: none or unreadable)
    QString note;           ///< e.g. an older schema that a restore migrates
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
    ArchiveDigest written;         ///< the archive as its writer made it (unknown for older backups)
    std::optional<BackupManifest> manifest;
};

/// Writes the record atomically. Empty or the reason. `written` is the archive as its
/// writer made it; without it, what an earlier record said was written is kept (a
/// verification never learns what was written from the file it checks).
QString recordVerification(const QString &archive, const BackupCheck &check, const ArchiveDigest &written = {});
/// The record of `archive`, if there is a readable one.
std::optional<VerificationRecord> readVerification(const QString &archive);

} // namespace vigil
