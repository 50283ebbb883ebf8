#pragma once
// vigil-bench alpaca, the order sections: alpaca::AlpacaVenue against a server vigil on
// 127.0.0.1 (tests/AlpacaLoopback.h's server alone, no proxy: its gateway, the desk bot, the
// built-in strategies off, the server's risk checks opened), against a bare client of the
// same server. See AlpacaBench.h for what each section measures, and docs/PERFORMANCE.md.
//
// Threads: runAlpacaOrderSections() on the main thread, which plays the engine's thread
// (it sends the venue's requests and reads its messages, and calls the venue's REST client
// alone on a TradingThread of its own); the venue runs its own threads, the bare client's
// trade stream one of its own.

#include <cstdint>
#include <string>

namespace vigil::bench {

struct AlpacaOrderOptions {
    bool roundTrips = true; ///< the order round trip section
    bool kill = true;       ///< the kill switch section
    int orders = 200;       ///< round trips of each kind (after 10 of each not counted)
    int killOrders = 500;   ///< working orders the kill switch cancels
    int killRounds = 3;     ///< the kill switch's measurements of each kind
};

/// Of microsecond samples.
struct LatencySpread {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

struct AlpacaOrderFigures {
    bool roundTrips = false; ///< the section ran
    int orders = 0;
    LatencySpread bare;             ///< POST to `new` on the bare client's stream socket
    LatencySpread bareAnswer;       ///< ... of which the POST to its 200 answer
    LatencySpread venue;            ///< send(NewOrder) to the Ack (Exec Accepted) out of next()
    LatencySpread venueToNew;       ///< ... of which send() to the same `new` on the bare socket
    LatencySpread restAnswer;       ///< the venue's REST client alone, called and waited for: POST to its 200
    LatencySpread restToNew;        ///< ... to its `new` on the bare socket
    LatencySpread venueAfterNew;    ///< ... and that `new` to the Ack (negative: the bare socket's was later)
    std::uint64_t quotesDuring = 0; ///< market data messages next() delivered meanwhile

    bool kill = false; ///< the section ran
    int killOrders = 0;
    int killRounds = 0;
    double bareKillMs = 0;         ///< median: DELETE /v2/orders to its 207 answer
    double bareKillCanceledMs = 0; ///< median: ... to the last `canceled` on the bare stream
    double venueKillMs = 0;        ///< median: send(CancelAll) to the last Canceled out of next()
    double venuePlaceMs = 0;       ///< median: the venue's 500 orders sent to the last Ack
    std::string killRuns;          ///< each round's figures, for the printout
};

/// Runs the sections asked for; throws std::runtime_error with the reason when one cannot run.
AlpacaOrderFigures runAlpacaOrderSections(const AlpacaOrderOptions &options);

} // namespace vigil::bench
