#pragma once
// How the audit chain's records are hashed (AuditChain.h): each record's SHA-256 over its
// fields and the previous record's hash, and the digest of the order-event and fill rows a
// record covers (one hash update per row rather than one audit row per row). The store
// thread hashes as it writes (JournalWriter); the verifier hashes the same way from the
// tables. Any thread (plain functions, and a digest its caller owns).

#include <QByteArray>
#include <QCryptographicHash>

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

/// The columns of an orders row that never change once it is written, other than those
/// every order event is hashed with. Hashed (digest version 2) with the order's first event.
struct OrderHeader {
    std::string_view sessionDate;
    std::int64_t orderNumber = 0;
    std::int64_t createdAt = 0;
    std::string_view origin;                ///< "strategy" or "operator"
    std::optional<std::int64_t> arrivalMid; ///< none: never sent, or no quote
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
    explicit TradeRowsDigest(int version = kCurrentVersion)
        : m_version(version)
    {}
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

} // namespace vigil
