#pragma once
// What a backup holds, as written in its `manifest.json` (the archive's last member) and
// in the verification record kept next to it. Plain values: any thread.

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace vigil {

/// How far a long step has come (0-100) and what it is doing, for a progress bar or a
/// terminal. Called on the thread doing the work.
using BackupProgress = std::function<void(int percent, const QString &step)>;

/// Intraday: the journal every few minutes while the session is open, so that losing the
/// data disk loses minutes of trades, not the day (OPERATIONS.md: recovery point <= 5 minutes).
enum class BackupType { Daily, PreRestore, PreMigration, Manual, Intraday };

QString backupTypeText(BackupType type); ///< "daily", "pre-restore", "pre-migration", "manual", "intraday"
std::optional<BackupType> backupTypeFromText(const QString &text);

/// What a member is for (restore puts each role back in its own place).
enum class MemberRole { Journal, Broker, Config, Log };
QString memberRoleText(MemberRole role);
std::optional<MemberRole> memberRoleFromText(const QString &text);

struct ManifestMember {
    QString name; ///< path inside the archive, e.g. "journal.sqlite", "config/vigil.toml"
    MemberRole role = MemberRole::Journal;
    QString origin; ///< the file it was taken from (absolute path)
    std::int64_t size = 0;
    QByteArray sha256; ///< raw 32 bytes
};

constexpr int kBackupFormatVersion = 1;
inline constexpr char kManifestName[] = "manifest.json";
inline constexpr char kJournalMember[] = "journal.sqlite";
inline constexpr char kBrokerMember[] = "paper-broker.sqlite";

struct BackupManifest {
    int formatVersion = kBackupFormatVersion;
    QString id;          ///< unique (a UUID)
    QDateTime createdAt; ///< UTC
    BackupType type = BackupType::Manual;
    QString appVersion;
    int schemaVersion = 0; ///< of the journal snapshot (0: no journal in the data directory)
    QString dataDir;       ///< where it was taken from
    /// The audit chain's last record in the journal snapshot (`audit_head`: an anchor that
    /// `vigil audit verify` checks the live journal against). Absent in backups without a
    /// journal and in those written before manifests recorded it.
    std::optional<std::int64_t> auditHeadId; ///< 0: the snapshot's chain is empty
    QByteArray auditHeadHash;                ///< raw SHA-256 (empty with id 0)
    std::vector<ManifestMember> members;

    const ManifestMember *member(const QString &name) const;
    QJsonObject toJson() const;
    QByteArray toBytes() const;
    /// Parses a manifest; on failure returns nothing and says why in `error`.
    static std::optional<BackupManifest> fromJson(const QJsonObject &json, QString &error);
    static std::optional<BackupManifest> fromBytes(const QByteArray &bytes, QString &error);
};

/// UTC ISO 8601 with milliseconds, e.g. 2026-12-01T09:30:00.123Z.
QString isoUtc(const QDateTime &t);

} // namespace vigil
