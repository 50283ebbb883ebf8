#pragma once
// How an operator settles a reconciliation's difference. Thread safe (plain values).

#include <cstdint>
#include <optional>
#include <string_view>

namespace vigil {

enum class Resolution : std::uint8_t {
    Adopt,   ///< book the broker's view
    Flatten, ///< adopt it, then close the symbol at market
    Cancel,  ///< cancel the order at the broker
    Accept,  ///< leave it as it is; the symbol trades again
};
std::string_view toString(Resolution resolution); ///< "adopt", "flatten", "cancel", "accept"
std::optional<Resolution> resolutionFromText(std::string_view text);

} // namespace vigil
