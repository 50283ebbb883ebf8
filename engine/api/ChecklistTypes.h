#pragma once
// The checklists' kinds and their items' verdicts, as commands and snapshot rows carry them.
// Each has one name for the journal, JSON and printed text (defined in ops/Checklist.cpp).
// Thread safe (plain values).

#include <cstdint>
#include <optional>
#include <string_view>

namespace vigil {

enum class CheckStatus : std::uint8_t { Pass, Warn, Fail };
std::string_view toString(CheckStatus status); ///< "pass", "warn", "fail"
std::optional<CheckStatus> checkStatusFromText(std::string_view text);

enum class ChecklistKind : std::uint8_t { PreMarket, EndOfDay };
std::string_view toString(ChecklistKind kind); ///< "premarket", "eod"
std::optional<ChecklistKind> checklistKindFromText(std::string_view text);

} // namespace vigil
