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

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>

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

/// The digest of the order-event and fill rows of a range of journal records, fed in the
/// order of their journal numbers: the writer as it writes the rows, the verifier from the
/// tables. Text and numbers are hashed exactly as stored.
class TradeRowsDigest {
public:
    /// An order_events row with its order's fixed columns (from orders).
    void addOrderEvent(std::int64_t seq, std::string_view clientOrderId, std::int64_t at, std::string_view status,
                       std::int64_t filledQty, std::string_view reason, std::string_view strategy,
                       std::string_view symbol, std::string_view side, std::string_view type, std::int64_t qty,
                       std::optional<std::int64_t> limitPrice);
    /// A fills row.
    void addFill(std::int64_t seq, std::string_view clientOrderId, std::string_view executionId, std::int64_t at,
                 std::string_view strategy, std::string_view symbol, std::string_view side, std::int64_t qty,
                 std::int64_t price, std::int64_t fee);
    bool empty() const { return m_events == 0 && m_fills == 0; }
    std::int64_t events() const { return m_events; }
    std::int64_t fills() const { return m_fills; }
    /// SHA-256 over the events, then the fills; starts the digest afresh.
    QByteArray take();

private:
    QCryptographicHash m_eventHash{QCryptographicHash::Sha256};
    QCryptographicHash m_fillHash{QCryptographicHash::Sha256};
    std::int64_t m_events = 0;
    std::int64_t m_fills = 0;
};

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
