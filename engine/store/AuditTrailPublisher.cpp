#include "store/AuditTrailPublisher.h"

#include <algorithm>

namespace vigil {

AuditTrailPublisher::AuditTrailPublisher() { m_latest.store(std::make_shared<const AuditTrail>()); }

std::string AuditTrailPublisher::hex(const QByteArray &hash)
{
    const QByteArray text = hash.toHex();
    return std::string(text.constData(), static_cast<std::size_t>(text.size()));
}

void AuditTrailPublisher::load(std::vector<AuditRow> rows)
{
    std::sort(rows.begin(), rows.end(), [](const AuditRow &a, const AuditRow &b) { return a.id < b.id; });
    for (AuditRow &row : rows)
        keep(std::move(row));
    publish(0);
}

void AuditTrailPublisher::stage(AuditRow row) { m_staged.push_back(std::move(row)); }

void AuditTrailPublisher::discardStaged() { m_staged.clear(); }

void AuditTrailPublisher::commitStaged(std::int64_t wallNowNs, std::int64_t minIntervalNs)
{
    if (m_staged.empty())
        return;
    for (AuditRow &row : m_staged)
        keep(std::move(row));
    m_staged.clear();
    m_pending = true;
    if (wallNowNs - m_lastPublishNs >= minIntervalNs)
        publish(wallNowNs);
}

void AuditTrailPublisher::publishPending(std::int64_t wallNowNs)
{
    if (m_pending)
        publish(wallNowNs);
}

void AuditTrailPublisher::keep(AuditRow row)
{
    m_lastId = std::max(m_lastId, row.id);
    std::deque<AuditRow> &kind = row.coversTrades ? m_trades : m_records;
    const std::size_t cap = row.coversTrades ? kAuditTrailTradeRecords : kAuditTrailRecords;
    kind.push_back(std::move(row));
    if (kind.size() > cap)
        kind.pop_front();
}

void AuditTrailPublisher::publish(std::int64_t wallNowNs)
{
    auto trail = std::make_shared<AuditTrail>();
    trail->version = ++m_version;
    trail->lastId = m_lastId;
    trail->rows.reserve(m_records.size() + m_trades.size());
    std::merge(m_records.begin(), m_records.end(), m_trades.begin(), m_trades.end(), std::back_inserter(trail->rows),
               [](const AuditRow &a, const AuditRow &b) { return a.id < b.id; });
    m_latest.store(std::move(trail), std::memory_order_release);
    m_pending = false;
    m_lastPublishNs = wallNowNs;
}

} // namespace vigil
