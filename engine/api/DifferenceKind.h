#pragma once
// What a reconciliation found different between the console's books and the broker's.
// Thread safe (plain values and pure functions).

#include <cstdint>
#include <string_view>

namespace vigil {

enum class DifferenceKind : std::uint8_t {
    MissingAtBroker,      ///< we hold a position the broker does not
    MissingInternally,    ///< the broker holds a position we do not
    QuantityDiffers,      ///< both hold the symbol, in different quantities
    AveragePriceDiffers,  ///< same quantity, average prices apart by more than the tolerance
    UnknownBrokerOrder,   ///< an order working at the broker that we do not know
    OrderUnknownToBroker, ///< an order we think works that the broker does not have open
    CashDiffers,          ///< the account's cash apart by more than the tolerance
};

std::string_view toString(DifferenceKind kind); ///< "missing at the broker", ... (English, marked for translation)
/// A short code for journals and scripts: "missing-at-broker", "missing-here", "quantity",
/// "average-price", "unknown-broker-order", "unknown-to-broker", "cash".
std::string_view codeOf(DifferenceKind kind);
bool isPositionKind(DifferenceKind kind);
/// The kind whose code is `code`; false if none.
bool kindFromCode(std::string_view code, DifferenceKind &out);

} // namespace vigil
