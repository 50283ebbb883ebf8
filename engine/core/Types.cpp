#include "core/Types.h"

namespace vigil {

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
    }
    return "?";
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

} // namespace vigil
