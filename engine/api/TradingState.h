#pragma once
// The trading state machine's states. Thread safe (plain values).

#include <cstdint>
#include <string_view>

namespace vigil {

enum class TradingState : std::uint8_t {
    Active,      ///< orders flow
    Paused,      ///< reduce-only: exits and risk-reducing orders only
    Halted,      ///< no new orders; working orders cancelled
    Killed,      ///< halted + flattened, latched until an operator resets it
    Maintenance, ///< planned work, trading stopped
};

constexpr std::string_view toString(TradingState s)
{
    switch (s) {
    case TradingState::Active: return "ACTIVE";
    case TradingState::Paused: return "PAUSED";
    case TradingState::Halted: return "HALTED";
    case TradingState::Killed: return "KILLED";
    case TradingState::Maintenance: return "MAINTENANCE";
    }
    return "?";
}

} // namespace vigil
