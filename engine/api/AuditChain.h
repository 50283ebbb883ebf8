#pragma once
// The audit trail's hash chain, checked and exported. Every audit record carries the
// SHA-256 of its own contents and of the record before it, so an edit, a deletion or a
// reordering anywhere breaks the chain from that record on. The store thread appends
// (JournalWriter, hashing as store/AuditHash.h says); verifyAudit() and exportAudit() read a
// journal file from any thread.
//
// Orders and fills are referenced by one audit record per journal transaction instead of
// one each: that record names the range of journal records it covers and carries the
// SHA-256 of their order-event and fill rows, so the chain also makes an edited, deleted or
// inserted order event or fill detectable (see docs/PERFORMANCE.md).
//
// A chain proves nothing about its own end: cut off its last records and what is left is
// still a whole chain. Its head (the last record's number and hash) is therefore also kept
// outside the table (AuditAnchor.h: the anchor file beside the journal, every backup's
// manifest, the daily report), and verifyAudit() checks the chain against every anchor it
// is given. It also checks that every order event and fill lies in exactly one record's
// covered range, and that each order's current state is what its last order event says.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace vigil {

/// A copy of the chain's head kept outside the journal: the chain must hold record `id` with
/// this hash (it may have grown since).
struct AuditAnchor {
    QString source;      ///< where it was found, for the operator
    std::int64_t id = 0; ///< the record it names (0: unknown; then any record with this hash)
    QByteArray hash;     ///< raw SHA-256 (empty: the anchor could not be read, see `problem`)
    QString problem;     ///< why it could not be read (it then fails)
    /// The restore that replaced the journal this anchor was taken from ("the restore at
    /// TIME"), when one did: the restored chain may not hold it, and that is no finding.
    QString rewoundBy;
};

struct AnchorOutcome {
    AuditAnchor anchor;
    bool holds = false;
    QString outcome; ///< "holds", or what is wrong
    /// Holds, or was taken from a journal that a restore replaced since.
    bool fine() const { return holds || !anchor.rewoundBy.isEmpty(); }
};

struct AuditCheck {
    std::int64_t records = 0;
    std::int64_t firstBroken = 0; ///< id of the first record that does not hold (0: none)
    QString problem;              ///< what is wrong with it, for the operator
    std::int64_t headId = 0;      ///< the last record that holds, and its hash
    QByteArray headHash;
    std::int64_t coveredRows = 0; ///< order events and fills inside a record's range
    /// Order events and fills older than the first audit record, in a journal that existed
    /// before the audit trail did (schema version < 3): nothing covers them.
    std::int64_t rowsBeforeAudit = 0;
    std::int64_t ordersChecked = 0; ///< orders whose current state was compared with their last event
    QStringList findings;           ///< rows no record covers, orders whose state was changed
    std::vector<AnchorOutcome> anchors;
    bool ok() const
    {
        return problem.isEmpty() && findings.isEmpty()
               && std::all_of(anchors.begin(), anchors.end(), [](const AnchorOutcome &a) { return a.fine(); });
    }
};

/// Walks the whole chain of the journal at `path` (read-only), checks every order event
/// and fill is covered by exactly one record and every order's state matches its last
/// event, and checks the chain against each of `anchors`.
AuditCheck verifyAudit(const QString &path, const std::vector<AuditAnchor> &anchors = {});

/// Writes the audit records whose engine time falls on the days `from` .. `to` (YYYY-MM-DD,
/// UTC, inclusive) to `out` as CSV, atomically (a temporary file renamed into place).
/// Returns an empty string or why it could not; `written` gets the number of records.
QString exportAudit(const QString &path, const QString &from, const QString &to, const QString &out,
                    std::int64_t &written);

} // namespace vigil
