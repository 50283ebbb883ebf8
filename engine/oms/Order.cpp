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
    case OrderStatus::Unknown: return "unknown";
    }
    return "?";
}

std::optional<OrderStatus> orderStatusFromText(std::string_view text)
{
    for (int i = 0; i <= static_cast<int>(OrderStatus::Unknown); ++i)
        if (toString(static_cast<OrderStatus>(i)) == text)
            return static_cast<OrderStatus>(i);
    return std::nullopt;
}

bool isLegalTransition(OrderStatus from, OrderStatus to)
{
    using S = OrderStatus;
    if (to == S::Unknown)
        return !isTerminal(from) && from != S::Unknown;
    switch (from) {
    case S::Unknown: // whatever the broker says it is
        return to != S::New;
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
    case S::Expired: return false;
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

bool parseClientOrderId(std::string_view id, std::string &compactDate, std::string &strategyCode, OrderId &number)
{
    // VG-YYYYMMDD-code-NNNNNN
    if (id.size() < 14 || id.substr(0, 3) != "VG-" || id[11] != '-')
        return false;
    const std::size_t dash = id.rfind('-');
    if (dash <= 12 || dash + 1 >= id.size())
        return false;
    OrderId n = 0;
    for (char c : id.substr(dash + 1)) {
        if (c < '0' || c > '9' || n > (OrderId{1} << 40))
            return false;
        n = n * 10 + static_cast<OrderId>(c - '0');
    }
    compactDate = std::string(id.substr(3, 8));
    strategyCode = std::string(id.substr(12, dash - 12));
    number = n;
    return n > 0;
}

} // namespace vigil
