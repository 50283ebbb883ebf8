#pragma once
// Alpaca's times as text, read: RFC 3339 timestamps (the trading API's and the streams'
// "2026-11-20T14:30:00.123456789Z", the clock's "2026-11-20T09:30:00-05:00") and dates. The
// gateway reads them in bots' requests (net/), the adapter in the broker's answers
// (alpaca/). Any thread (pure functions).

#include "api/Time.h"

#include <optional>
#include <string_view>

namespace vigil {

/// An RFC 3339 timestamp (fractions up to nanoseconds, "Z" or an offset), or a date
/// ("2026-11-20", taken as midnight in New York).
std::optional<SimTime> parseTimestamp(std::string_view text);
/// A date ("2026-11-20"), or the date part of an RFC 3339 timestamp.
std::optional<Date> parseDate(std::string_view text);

} // namespace vigil
