#pragma once
// The audit anchors the backups hold: each backup's manifest records the audit head of its
// journal snapshot (BackupManifest::auditHeadId), and the live journal's chain must still
// hold that record with that hash. Any thread; reads only the manifests.

#include "api/AuditChain.h"
#include "api/BackupManifest.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace vigil {

/// The manifest of the backup archive at `path`, read without extracting the rest (the
/// archive's other members are skipped). Nothing, and why in `error`, if it cannot be read.
std::optional<BackupManifest> readBackupManifest(const QString &path, QString &error);

/// The anchors of the backups in `backupsDir` taken from the data directory `dataDir`,
/// oldest first. `notes` names each backup that gives none and why (another data
/// directory's, no journal, written before manifests recorded the audit head, unreadable).
/// Backups taken before `restoredAt` (a restore that replaced the journal since) may name
/// records the restored chain does not hold: their anchors say so (AuditAnchor::rewoundBy).
std::vector<AuditAnchor> backupAuditAnchors(const QString &backupsDir, const QString &dataDir, QStringList &notes,
                                            const QDateTime &restoredAt = {});

} // namespace vigil
