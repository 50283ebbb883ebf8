#include "alerts/AlertBook.h"

#include <algorithm>
#include <utility>

namespace vigil {

const AlertRow &AlertBook::raise(std::uint64_t id, SimTime now, std::string clock, AlertSeverity severity,
                                 std::string_view source, std::string_view message)
{
    // Newest first: a condition that keeps repeating is near the end.
    for (auto it = m_rows.rbegin(); it != m_rows.rend(); ++it) {
        AlertRow &row = *it;
        if (row.severity != severity || row.source != source || row.message != message)
            continue;
        // After an acknowledgement the operator has seen it: happening again is news.
        if (row.acknowledged() || now - row.lastTime > m_repeatWindow)
            break;
        ++row.count;
        row.lastTime = now;
        row.lastClock = std::move(clock);
        return row;
    }
    AlertRow row;
    row.id = id;
    row.time = now;
    row.lastTime = now;
    row.lastClock = clock;
    row.clock = std::move(clock);
    row.severity = severity;
    row.source = source;
    row.message = message;
    m_rows.push_back(std::move(row));
    if (m_rows.size() > kSnapshotAlerts)
        m_rows.pop_front();
    return m_rows.back();
}

AlertBook::Acknowledgement AlertBook::acknowledge(std::uint64_t id, std::string actor, std::string reason)
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [id](const AlertRow &r) { return r.id == id; });
    if (it == m_rows.end())
        return Acknowledgement::NoSuchAlert;
    if (it->acknowledged())
        return Acknowledgement::AlreadyAcknowledged;
    it->acknowledgedBy = std::move(actor);
    it->acknowledgement = std::move(reason);
    return Acknowledgement::Done;
}

const AlertRow *AlertBook::find(std::uint64_t id) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [id](const AlertRow &r) { return r.id == id; });
    return it == m_rows.end() ? nullptr : &*it;
}

} // namespace vigil
