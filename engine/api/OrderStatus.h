#pragma once
// Where an order stands, as the engine, its strategy sources and its console name it. Thread
// safe (plain values).

#include <cstdint>
#include <optional>
#include <string_view>

namespace vigil {

enum class OrderStatus : std::uint8_t {
    New,      ///< created by the engine, sent, not yet acknowledged
    Accepted, ///< acknowledged by the broker, working
    PartiallyFilled,
    Filled,
    CancelPending, ///< cancel sent, not yet confirmed
    Cancelled,
    Rejected,
    Expired,
    Unknown, ///< after a restart, until the broker has said what became of it
};
std::string_view toString(OrderStatus s);
/// The status named by toString()'s text, if any.
std::optional<OrderStatus> orderStatusFromText(std::string_view text);

constexpr bool isTerminal(OrderStatus s)
{
    return s == OrderStatus::Filled || s == OrderStatus::Cancelled || s == OrderStatus::Rejected
           || s == OrderStatus::Expired;
}

} // namespace vigil
