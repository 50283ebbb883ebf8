// EngineCore: a real broker's link events (api/Types.h LinkEvent): each step of a fault and
// of its recovery becomes an alert of its level and an audit entry. The venue heals its
// links itself; the engine's part is that the operator hears of every step. (The broker's
// status, Down while the order stream is away and Up once it has caught up, is what blocks
// entries and has the books compared again, as for the simulator's broker.)
//
// Thread: the engine thread (EngineCore).

#include "core/EngineText.h"
#include "runtime/EngineCore.h"

#include <spdlog/spdlog.h>

#include <string>

namespace vigil {

namespace {
constexpr std::string_view kLinkActor = "venue";
}

void EngineCore::onLinkEvent(const LinkEvent &event)
{
    if (replaying())
        return;
    const std::string detail = std::to_string(event.detail);
    std::string text;
    AlertSeverity severity = AlertSeverity::Warning;
    switch (event.kind) {
    case LinkEventKind::TradeStreamDown:
        text = engineTr("Venue", "the broker's order stream is down; reconnecting (attempt %1); entries wait for "
                                 "a clean reconciliation after it is back")
                   .arg(detail);
        break;
    case LinkEventKind::TradeStreamRestored:
        // The broker's status Up that follows has the books compared again before entries resume.
        text = engineTr("Venue", "the broker's order stream is back; %1 orders changed meanwhile were fetched")
                   .arg(detail);
        break;
    case LinkEventKind::DataStreamDown:
        text = engineTr("Venue", "the market data stream is down; reconnecting (attempt %1)").arg(detail);
        break;
    case LinkEventKind::DataStreamRestored: text = engineTr("Venue", "the market data stream is back"); break;
    case LinkEventKind::RestFallbackOn:
        text = engineTr("Venue", "market data: REST fallback (latest quotes) while the stream is away");
        break;
    case LinkEventKind::RestFallbackOff: text = engineTr("Venue", "market data: back on the stream"); break;
    case LinkEventKind::RateLimited:
        text = engineTr("Venue", "the broker's rate limit was reached; requests wait %1 s for its reset").arg(detail);
        break;
    case LinkEventKind::CaughtUpFills:
        text = engineTr("Venue", "%1 fills that happened while the order stream was away were booked from the "
                                 "broker's records")
                   .arg(detail);
        break;
    case LinkEventKind::BulkItemFailed:
        severity = AlertSeverity::Critical;
        text = engineTr("Venue", "%1 items of a bulk cancel or close failed at the broker; retrying them one by one")
                   .arg(detail);
        break;
    case LinkEventKind::BulkItemsCleared:
        text = engineTr("Venue", "the failed items of the bulk request are done after retries");
        break;
    case LinkEventKind::SymbolRefused: {
        const auto symbol = static_cast<std::size_t>(event.detail);
        const std::string name = symbol < m_symbolNames.size() ? m_symbolNames[symbol] : detail;
        severity = AlertSeverity::Critical;
        text = engineTr("Venue", "%1 is not tradable at the broker: its orders are refused").arg(name);
        break;
    }
    case LinkEventKind::SymbolNotShortable: {
        const auto symbol = static_cast<std::size_t>(event.detail);
        const std::string name = symbol < m_symbolNames.size() ? m_symbolNames[symbol] : detail;
        severity = AlertSeverity::Warning;
        text = engineTr("Venue", "%1 cannot be sold short at the broker: a sell beyond the shares held is refused")
                   .arg(name);
        break;
    }
    }
    spdlog::warn("venue: {}", text);
    alert(severity, text, "venue");
    audit(kLinkActor, toString(event.kind), text);
}

} // namespace vigil
