#pragma once
// The audit chain's head kept outside the table it protects. The journal's writer keeps
// `<journal>.audit-anchor` beside the journal file (journal.sqlite: journal.audit-anchor):
// one line "ID:HASH", the number and hash of the last audit record of a commit that is
// already on stable storage, replaced atomically at most every kAnchorIntervalMs while the
// journal is busy, at once when it goes idle, and at stop. It may lag the journal (a power
// cut), never lead it: it proves the chain reached at least record ID with hash HASH.
//
// A journal opened with an anchor its chain does not hold (the journal was replaced,
// restored or cut short while no vigil ran) keeps that anchor as evidence, renamed
// `<journal>.audit-anchor.superseded-<UTC time>`, before a new one is written.
//
// Any thread: plain functions on files.

#include "api/AuditChain.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace vigil {

/// How often, at most, the writer replaces the anchor file while the journal is busy.
constexpr int kAnchorIntervalMs = 500;

/// `<dir>/<journal's name without its last suffix>.audit-anchor`.
QString auditAnchorPath(const QString &journalPath);
/// The anchor file and every superseded one beside the journal, oldest superseded first.
QStringList auditAnchorFiles(const QString &journalPath);

/// Where a restore that replaces the journal at `at` sets the replaced journal's anchor
/// aside: `<anchor>.restored-<UTC time>`. The restored chain is older than that anchor by
/// design, so `audit verify` reports it as the restore's, not as a chain cut short.
QString restoredAnchorPath(const QString &journalPath, const QDateTime &at);
/// Anchors that restores set aside, with the restore's time, oldest first.
std::vector<std::pair<QString, QDateTime>> restoredAnchorFiles(const QString &journalPath);

/// "HASH" or "ID:HASH" (HASH: 64 hex digits, as the daily report and the anchor file give
/// them). Nothing, and why in `error`, for anything else.
std::optional<AuditAnchor> parseAuditAnchor(const QString &text, QString &error);
/// "ID:HASH", the form parseAuditAnchor() reads.
QString formatAuditAnchor(std::int64_t id, const QByteArray &hash);

/// The anchor in the file at `path`; an unreadable or malformed file gives an anchor with
/// its `problem` set (it then fails verification).
AuditAnchor readAnchorFile(const QString &path);
/// Replaces the file at `path` with "ID:HASH" (written, synced, then renamed into place).
/// Empty or the reason.
QString writeAnchorFile(const QString &path, std::int64_t id, const QByteArray &hash);

/// The chain's last record in the journal at `path` (read-only): id 0 when the chain is
/// empty; nothing, and why in `error`, when it cannot be read.
std::optional<std::pair<std::int64_t, QByteArray>> readAuditHead(const QString &path, QString &error);

} // namespace vigil
