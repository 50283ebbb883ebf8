#pragma once
// The market data REST API's latest quotes, `GET /v2/stocks/quotes/latest?symbols=A,B`, as
// the market data client's REST fallback reads them: {"quotes":{"AAPL":{"t":..,"bp":..,
// "bs":..,"ap":..,"as":..,...},...}}, times in RFC 3339 with up to nanoseconds.
//
// Threads: any (pure functions).

#include "api/Fixed.h"
#include "api/Time.h"

#include <QByteArray>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::alpaca {

struct LatestQuote {
    std::string symbol;
    Price bid;
    Price ask;
    std::int32_t bidSize = 0;
    std::int32_t askSize = 0;
    SimTime time = 0;
};

/// Reads an answer's body into `out`; returns an empty string, or what is wrong with it
/// (a quote lacking a field is named and left out; the others are read).
std::string parseLatestQuotes(const QByteArray &body, std::vector<LatestQuote> &out);

/// "2021-02-22T15:51:45.335689322Z" or with an offset ("...+01:00"), to UTC nanoseconds.
bool parseRfc3339(std::string_view text, SimTime &out);

} // namespace vigil::alpaca
