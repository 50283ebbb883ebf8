#include "api/Types.h"
#include "api/VenueLinks.h"

#include <iterator>

#include <algorithm>

#include <cstring>

namespace vigil {

void EngineMessage::setClientOrderId(std::string_view id)
{
    const std::size_t n = std::min(id.size(), kClientOrderIdSize - 1);
    std::memcpy(clientOrderId, id.data(), n);
    clientOrderId[n] = '\0';
}

std::string_view EngineMessage::clientOrderIdView() const { return {clientOrderId, std::strlen(clientOrderId)}; }

std::string_view toString(Side s) { return s == Side::Buy ? "buy" : "sell"; }
std::string_view toString(OrderType t) { return t == OrderType::Market ? "market" : "limit"; }

std::string_view toString(RejectReason r)
{
    switch (r) {
    case RejectReason::None: return "none";
    case RejectReason::InsufficientBuyingPower: return "insufficient buying power";
    case RejectReason::InvalidQuantity: return "invalid quantity";
    case RejectReason::InvalidPrice: return "invalid price";
    case RejectReason::UnknownSymbol: return "unknown symbol";
    case RejectReason::MarketClosed: return "market closed";
    case RejectReason::BrokerUnavailable: return "broker unavailable";
    case RejectReason::BrokerError: return "broker API error";
    case RejectReason::UnknownOrder: return "unknown order";
    case RejectReason::RiskLimit: return "risk limit";
    case RejectReason::TradingStopped: return "trading stopped";
    case RejectReason::NotReceived: return "never reached the broker";
    case RejectReason::DuplicateClientOrderId: return "duplicate client order id";
    case RejectReason::NotShortable: return "not shortable";
    case RejectReason::NoBrokerPosition: return "no position at the broker";
    case RejectReason::OrderQuantity: return "order quantity limit";
    case RejectReason::OrderNotional: return "order value limit";
    case RejectReason::PriceCollar: return "price collar";
    case RejectReason::PositionLimit: return "position limit";
    case RejectReason::GrossExposure: return "gross exposure limit";
    case RejectReason::OpenOrders: return "open orders limit";
    case RejectReason::OrderRate: return "order rate limit";
    case RejectReason::DuplicateOrder: return "duplicate order";
    case RejectReason::StrategyStopped: return "strategy stopped";
    case RejectReason::SymbolReduceOnly: return "symbol reduce-only";
    case RejectReason::ReconciliationBlock: return "reconciliation block";
    }
    return "?";
}

RejectReason rejectReasonFromText(std::string_view text)
{
    for (int i = 0; i <= static_cast<int>(kLastRejectReason); ++i)
        if (toString(static_cast<RejectReason>(i)) == text)
            return static_cast<RejectReason>(i);
    return RejectReason::None;
}

namespace {
constexpr std::string_view kDrillNames[] = {
    "broker-manual-close", "broker-cancel-order", "broker-disconnect",   "broker-error-burst",
    "feed-silence",        "broker-manual-order", "broker-manual-trade",
};
static_assert(std::size(kDrillNames) == static_cast<std::size_t>(kLastDrillKind) + 1);
}

std::string_view toString(DrillKind kind)
{
    const auto i = static_cast<std::size_t>(kind);
    return i < std::size(kDrillNames) ? kDrillNames[i] : "?";
}

bool drillKindFromText(std::string_view text, DrillKind &out)
{
    for (std::size_t i = 0; i < std::size(kDrillNames); ++i)
        if (kDrillNames[i] == text) {
            out = static_cast<DrillKind>(i);
            return true;
        }
    return false;
}

std::string_view toString(ExecType t)
{
    switch (t) {
    case ExecType::Accepted: return "accepted";
    case ExecType::Rejected: return "rejected";
    case ExecType::Fill: return "fill";
    case ExecType::Cancelled: return "cancelled";
    case ExecType::CancelReject: return "cancel rejected";
    case ExecType::Expired: return "expired";
    }
    return "?";
}

std::string_view toString(LinkEventKind kind)
{
    switch (kind) {
    case LinkEventKind::TradeStreamDown: return "trade-stream-down";
    case LinkEventKind::TradeStreamRestored: return "trade-stream-restored";
    case LinkEventKind::DataStreamDown: return "data-stream-down";
    case LinkEventKind::DataStreamRestored: return "data-stream-restored";
    case LinkEventKind::RestFallbackOn: return "rest-fallback-on";
    case LinkEventKind::RestFallbackOff: return "rest-fallback-off";
    case LinkEventKind::RateLimited: return "rate-limited";
    case LinkEventKind::CaughtUpFills: return "caught-up-fills";
    case LinkEventKind::BulkItemFailed: return "bulk-item-failed";
    case LinkEventKind::BulkItemsCleared: return "bulk-items-cleared";
    case LinkEventKind::SymbolRefused: return "symbol-refused";
    case LinkEventKind::SymbolNotShortable: return "symbol-not-shortable";
    }
    return "?";
}

std::string_view toString(LinkState state)
{
    switch (state) {
    case LinkState::Connecting: return "connecting";
    case LinkState::Up: return "up";
    case LinkState::CatchingUp: return "catching up";
    case LinkState::Reconnecting: return "reconnecting";
    case LinkState::Stalled: return "stalled";
    }
    return "?";
}

std::string_view toString(MarketDataSource source)
{
    switch (source) {
    case MarketDataSource::Stream: return "stream";
    case MarketDataSource::RestFallback: return "REST fallback";
    case MarketDataSource::None: return "none";
    }
    return "?";
}

} // namespace vigil
