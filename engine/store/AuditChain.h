#pragma once
// The audit trail's hash chain. Every audit record carries the SHA-256 of its own contents
// and of the record before it, so an edit, a deletion or a reordering anywhere breaks the
// chain from that record on. The store thread appends (JournalWriter); verifyAudit() and
// exportAudit() read a journal file from any thread.

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string_view>

namespace vigil {

struct AuditEntry {
    std::int64_t id = 0;     ///< 1, 2, 3 ... without gaps
    std::int64_t at = 0;     ///< the engine's time (ns since the epoch; simulated in the simulator)
    std::int64_t wallAt = 0; ///< wall time, ms since the epoch
    std::string_view actor;
    std::string_view action;
    std::string_view detail;
};

/// SHA-256 of the entry's fields (each length-prefixed, so no two entries serialise alike)
/// and the previous record's hash (empty for the first record).
QByteArray auditHash(const AuditEntry &entry, const QByteArray &previousHash);

struct AuditCheck {
    std::int64_t records = 0;
    std::int64_t firstBroken = 0; ///< id of the first record that does not hold (0: none)
    QString problem;              ///< what is wrong with it, for the operator
    bool ok() const { return problem.isEmpty(); }
};

/// Walks the whole chain of the journal at `path` (read-only).
AuditCheck verifyAudit(const QString &path);

/// Writes the audit records whose engine time falls on the days `from` .. `to` (YYYY-MM-DD,
/// UTC, inclusive) to `out` as CSV, atomically (a temporary file renamed into place).
/// Returns an empty string or why it could not; `written` gets the number of records.
QString exportAudit(const QString &path, const QString &from, const QString &to, const QString &out,
                    std::int64_t &written);

} // namespace vigil
