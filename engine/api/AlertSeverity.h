#pragma once
// How serious an alert is: the three levels of the operator's runbook. Level 1, recovered:
// self-healing handled it (a stream back, a bot restarted). Level 2, warning: the operator
// should act. Level 3, critical: trading is stopped or at risk (kill switch, broker down,
// disk full, rogue orders). Thread safe (plain values). The journal, the audit trail and
// the daily report keep its text; the engine and the console hold the value.

#include <cstdint>
#include <optional>
#include <string_view>

namespace vigil {

enum class AlertSeverity : std::uint8_t { Recovered, Warning, Critical };

constexpr std::string_view toString(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Recovered: return "recovered";
    case AlertSeverity::Warning: return "warning";
    case AlertSeverity::Critical: return "critical";
    }
    return "critical";
}

/// The runbook's level: 1, 2 or 3.
constexpr int alertLevel(AlertSeverity severity) { return static_cast<int>(severity) + 1; }

/// The severity toString() words as `text`, if any.
constexpr std::optional<AlertSeverity> alertSeverityFromText(std::string_view text)
{
    if (text == "critical")
        return AlertSeverity::Critical;
    if (text == "warning")
        return AlertSeverity::Warning;
    if (text == "recovered")
        return AlertSeverity::Recovered;
    return std::nullopt;
}

} // namespace vigil
