#pragma once
// The audit trail's hash chain. Every audit record carries the SHA-256 of its own contents
// and of the record before it, so an edit, a deletion or a reordering anywhere breaks the
// chain from that record on. The store thread appends (JournalWriter); verifyAudit() and
// exportAudit() read a journal file from any thread.
//
// Orders and fills are referenced by one audit record per journal transaction instead of
// one each: that record names the range of journal records it covers and carries the
// SHA-256 of their order-event and fill rows (TradeRowsDigest), so the chain also makes an
// edited, deleted or inserted order event or fill detectable, at the cost of one hash
// update per row rather than one audit row per row (see docs/PERFORMANCE.md).
//
// A chain proves nothing about its own end: cut off its last records and what is left is
// still a whole chain. Its head (the last record's number and hash) is therefore also kept
// outside the table (AuditAnchor.h: the anchor file beside the journal, every backup's
// manifest, the daily report), and verifyAudit() checks the chain against every anchor it
// is given. It also checks that every order event and fill lies in exactly one record's
// covered range, and that each order's current state is what its last order event says.

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>

#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace vigil {

struct AuditEntry {
    std::int64_t id = 0;     ///< 1, 2, 3 ... without gaps
    std::int64_t at = 0;     ///< the engine's time (ns since the epoch; simulated in the simulator)
    std::int64_t wallAt = 0; ///< wall time, ms since the epoch
    std::string_view actor;
    std::string_view action;
    std::string_view detail;
    std::int64_t coversFrom = 0; ///< first journal record covered (0: it covers none)
    std::int64_t coversTo = 0;   ///< last journal record covered (the audit row's seq)
    QByteArray rowsHash;         ///< TradeRowsDigest of the covered rows (empty: none)
};

/// SHA-256 of the entry's fields (each length-prefixed, so no two entries serialise alike)
/// and the previous record's hash (empty for the first record).
QByteArray auditHash(const AuditEntry &entry, const QByteArray &previousHash);

/// The columns of an orders row that never change once it is written, other than those
/// every order event is hashed with. Hashed (digest version 2) with the order's first event.
struct OrderHeader {
    std::string_view sessionDate;
    std::int64_t orderNumber = 0;
    std::int64_t createdAt = 0;
    std::string_view origin;                 ///< "strategy" or "operator"
    std::optional<std::int64_t> arrivalMid;  ///< none: never sent, or no quote
};

/// The digest of the order-event and fill rows of a range of journal records, fed in the
/// order of their journal numbers: the writer as it writes the rows, the verifier from the
/// tables. Text and numbers are hashed exactly as stored.
///
/// Versioned, so that records written before a change keep verifying: version 1 (32 bytes)
/// hashes each event with its order's strategy, symbol, side, type, quantity and limit;
/// version 2 (a byte 2, then 32 bytes) also hashes, with each order's first event, the rest
/// of its fixed columns (OrderHeader). The version is part of the stored digest, which is
/// itself inside the record's hash, so it cannot be changed without breaking the chain.
class TradeRowsDigest {
public:
    static constexpr int kCurrentVersion = 2;
    explicit TradeRowsDigest(int version = kCurrentVersion) : m_version(version) {}
    /// The version of a stored digest (by its length and first byte); 0 if it is none.
    static int versionOf(const QByteArray &stored);

    /// An order_events row with its order's fixed columns (from orders); `header` (version
    /// 2) only with the order's first event.
    void addOrderEvent(std::int64_t seq, std::string_view clientOrderId, std::int64_t at, std::string_view status,
                       std::int64_t filledQty, std::string_view reason, std::string_view strategy,
                       std::string_view symbol, std::string_view side, std::string_view type, std::int64_t qty,
                       std::optional<std::int64_t> limitPrice, const OrderHeader *header = nullptr);
    /// A fills row.
    void addFill(std::int64_t seq, std::string_view clientOrderId, std::string_view executionId, std::int64_t at,
                 std::string_view strategy, std::string_view symbol, std::string_view side, std::int64_t qty,
                 std::int64_t price, std::int64_t fee);
    bool empty() const { return m_events == 0 && m_fills == 0; }
    std::int64_t events() const { return m_events; }
    std::int64_t fills() const { return m_fills; }
    /// SHA-256 over the events, then the fills (version 2: after a byte 2); starts the
    /// digest afresh.
    QByteArray take();

private:
    int m_version;
    QCryptographicHash m_eventHash{QCryptographicHash::Sha256};
    QCryptographicHash m_fillHash{QCryptographicHash::Sha256};
    std::int64_t m_events = 0;
    std::int64_t m_fills = 0;
};

/// A copy of the chain's head kept outside the journal: the chain must hold record `id` with
/// this hash (it may have grown since).
struct AuditAnchor {
    QString source;        ///< where it was found, for the operator
    std::int64_t id = 0;   ///< the record it names (0: unknown; then any record with this hash)
    QByteArray hash;       ///< raw SHA-256 (empty: the anchor could not be read, see `problem`)
    QString problem;       ///< why it could not be read (it then fails)
    /// The restore that replaced the journal this anchor was taken from ("the restore at
    /// TIME"), when one did: the restored chain may not hold it, and that is no finding.
    QString rewoundBy;
};

struct AnchorOutcome {
    AuditAnchor anchor;
    bool holds = false;
    QString outcome;       ///< "holds", or what is wrong
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
    QStringList findings;         ///< rows no record covers, orders whose state was changed
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
