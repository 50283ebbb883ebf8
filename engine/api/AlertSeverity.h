#pragma once
// How serious an alert is. Thread safe (plain values). The journal, the audit trail and the
// daily report keep its text; the engine and the console hold the value.

#include <cstdint>
#include <optional>
#include <string_view>

namespace vigil {

enum class AlertSeverity : std::uint8_t { Warning, Critical };

constexpr std::string_view toString(AlertSeverity severity)
{
    return severity == AlertSeverity::Critical ? "critical" : "warning";
}

/// The severity toString() words as `text`, if any.
constexpr std::optional<AlertSeverity> alertSeverityFromText(std::string_view text)
{
    if (text == "critical")
        return AlertSeverity::Critical;
    if (text == "warning")
        return AlertSeverity::Warning;
    return std::nullopt;
}

} // namespace vigil
