#include "store/AuditHash.h"

#include <charconv>

namespace vigil {

namespace {
// Each field goes in as "<length>:<bytes>", numbers as their decimal text. No allocation:
// the writer hashes every order event and fill it writes.
void addField(QCryptographicHash &hash, std::string_view value)
{
    char length[24];
    const auto end = std::to_chars(length, length + sizeof length - 1, value.size()).ptr;
    *end = ':';
    hash.addData(QByteArrayView(length, end + 1 - length));
    hash.addData(QByteArrayView(value.data(), static_cast<qsizetype>(value.size())));
}

void addField(QCryptographicHash &hash, std::int64_t value)
{
    char text[24];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    addField(hash, std::string_view(text, static_cast<std::size_t>(end - text)));
}
} // namespace

QByteArray auditHash(const AuditEntry &entry, const QByteArray &previousHash)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, entry.id);
    addField(hash, entry.at);
    addField(hash, entry.wallAt);
    addField(hash, entry.actor);
    addField(hash, entry.action);
    addField(hash, entry.detail);
    addField(hash, entry.coversFrom);
    addField(hash, entry.coversTo);
    addField(hash, std::string_view(entry.rowsHash.constData(), static_cast<std::size_t>(entry.rowsHash.size())));
    addField(hash, std::string_view(previousHash.constData(), static_cast<std::size_t>(previousHash.size())));
    return hash.result();
}

int TradeRowsDigest::versionOf(const QByteArray &stored)
{
    if (stored.size() == 32)
        return 1;
    if (stored.size() == 33 && stored.front() == char(2))
        return 2;
    return 0;
}

void TradeRowsDigest::addOrderEvent(std::int64_t seq, std::string_view clientOrderId, std::int64_t at,
                                    std::string_view status, std::int64_t filledQty, std::string_view reason,
                                    std::string_view strategy, std::string_view symbol, std::string_view side,
                                    std::string_view type, std::int64_t qty, std::optional<std::int64_t> limitPrice,
                                    const OrderHeader *header)
{
    QCryptographicHash &h = m_eventHash;
    addField(h, seq);
    addField(h, clientOrderId);
    addField(h, at);
    addField(h, status);
    addField(h, filledQty);
    addField(h, reason);
    addField(h, strategy);
    addField(h, symbol);
    addField(h, side);
    addField(h, type);
    addField(h, qty);
    if (limitPrice)
        addField(h, *limitPrice);
    else
        addField(h, std::string_view());
    if (m_version >= 2) {
        // Each event says whether it opens its order; the first one carries the order's
        // remaining fixed columns.
        addField(h, std::int64_t{header ? 1 : 0});
        if (header) {
            addField(h, header->sessionDate);
            addField(h, header->orderNumber);
            addField(h, header->createdAt);
            addField(h, header->origin);
            if (header->arrivalMid)
                addField(h, *header->arrivalMid);
            else
                addField(h, std::string_view());
        }
    }
    ++m_events;
}

void TradeRowsDigest::addFill(std::int64_t seq, std::string_view clientOrderId, std::string_view executionId,
                              std::int64_t at, std::string_view strategy, std::string_view symbol,
                              std::string_view side, std::int64_t qty, std::int64_t price, std::int64_t fee)
{
    QCryptographicHash &h = m_fillHash;
    addField(h, seq);
    addField(h, clientOrderId);
    addField(h, executionId);
    addField(h, at);
    addField(h, strategy);
    addField(h, symbol);
    addField(h, side);
    addField(h, qty);
    addField(h, price);
    addField(h, fee);
    ++m_fills;
}

QByteArray TradeRowsDigest::take()
{
    QCryptographicHash both(QCryptographicHash::Sha256);
    both.addData(m_eventHash.result());
    both.addData(m_fillHash.result());
    m_eventHash.reset();
    m_fillHash.reset();
    m_events = 0;
    m_fills = 0;
    return m_version >= 2 ? QByteArray(1, char(m_version)) + both.result() : both.result();
}

} // namespace vigil
