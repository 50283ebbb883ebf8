#pragma once
// Times as Alpaca's streams write them: RFC 3339 in UTC with up to nanoseconds, trailing
// zeros of the fraction dropped (Go's RFC3339Nano): "2021-02-22T15:51:45.335689322Z",
// "2021-02-22T19:15:00Z". The market data stream writes one per message, so the writer
// fills a caller's buffer and allocates nothing. Any thread (pure functions).

#include "api/Time.h"

#include <cstddef>
#include <string>

namespace vigil::gateway {

/// Longest text writeRfc3339() writes ("YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ"; SimTime spans
/// the years 1677 to 2262).
constexpr std::size_t kRfc3339MaxSize = 30;

/// Writes `t` into `out` (room for kRfc3339MaxSize characters, no terminating zero);
/// returns how many it wrote.
std::size_t writeRfc3339(SimTime t, char *out);
std::string rfc3339(SimTime t);

} // namespace vigil::gateway
