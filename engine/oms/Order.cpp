#include "oms/Order.h"

#include <cstdio>

namespace vigil {

std::string_view toString(OrderStatus s)
{
    switch (s) {
    case OrderStatus::New: return "new";
    case OrderStatus::Accepted: return "accepted";
    case OrderStatus::PartiallyFilled: return "partially filled";
    case OrderStatus::Filled: return "filled";
    case OrderStatus::CancelPending: return "cancel pending";
    case OrderStatus::Cancelled: return "cancelled";
    case OrderStatus::Rejected: return "rejected";
    case OrderStatus::Expired: return "expired";
    }
    return "?";
}

bool isLegalTransition(OrderStatus from, OrderStatus to)
{
    using S = OrderStatus;
    switch (from) {
    case S::New: // a fill may overtake the acknowledgement
        return to == S::Accepted || to == S::Rejected || to == S::CancelPending || to == S::PartiallyFilled
            || to == S::Filled;
    case S::Accepted:
        return to == S::PartiallyFilled || to == S::Filled || to == S::CancelPending || to == S::Cancelled
            || to == S::Expired;
    case S::PartiallyFilled:
        return to == S::PartiallyFilled || to == S::Filled || to == S::CancelPending || to == S::Cancelled
            || to == S::Expired;
    case S::CancelPending:
        return to == S::Cancelled || to == S::PartiallyFilled || to == S::Filled || to == S::Expired
            || to == S::Accepted || to == S::Rejected;
    case S::Filled:
    case S::Cancelled:
    case S::Rejected:
    case S::Expired:
        return false;
    }
    return false;
}

bool Order::transition(OrderStatus to, SimTime at)
{
    if (!isLegalTransition(status, to))
        return false;
    status = to;
    updatedAt = at;
    return true;
}

std::string clientOrderId(const std::string &compactDate, std::string_view strategyCode, OrderId id)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "VG-%s-%.*s-%06llu", compactDate.c_str(), static_cast<int>(strategyCode.size()),
                  strategyCode.data(), static_cast<unsigned long long>(id));
    return buf;
}

} // namespace vigil
