#pragma once
// vigil-bench alpaca: the Alpaca venue's figures over loopback, in one run, a section per
// measurement. Market data: a WebSocket server on its own thread sends pre-encoded
// MessagePack frames of quotes (the gateway's encoder, batches as the gateway sends them)
// as fast as the reader takes them; (1) a bare QWebSocket receives them and only counts,
// (2) the market data client (engine/alpaca/MarketDataClient) decodes them and pushes
// every quote into the engine's queue, drained by a consumer thread as the engine would.
// Messages/s for both, and their ratio, against the targets (>= 2 M/s, >= 0.5).
//
// Orders (AlpacaOrdersBench.h), against a server vigil on 127.0.0.1 (its gateway, the desk
// bot), with no target in the issue, the ratios reported as they are:
// - round trip: alpaca::AlpacaVenue::send(NewOrder) to its Ack (Exec Accepted) out of
//   next(), against a bare client's POST /v2/orders (keep-alive HTTP, no adapter) to its
//   `new` event on a trade_updates socket of its own; one order at a time, in turns, with
//   the venue's REST client alone as a third kind (where the venue's time goes);
// - kill switch: 500 working orders, send(CancelAll) to the 500th Canceled out of next(),
//   against a bare DELETE /v2/orders of 500 working orders to its 207 answer.
//
// Threads: runAlpacaBench() on the main thread; it starts and joins its own.

#include "AlpacaOrdersBench.h"

namespace vigil::bench {

struct AlpacaBenchOptions {
    bool marketData = true;    ///< the market data section
    double seconds = 3;        ///< each measurement's time
    int batch = 1024;          ///< quotes per frame: the gateway's most per frame (MarketDataStream)
    AlpacaOrderOptions orders; ///< which order sections, and their sizes
};

/// Prints figures and one final JSON line; 0 on success, 1 when a section could not run.
int runAlpacaBench(int argc, char **argv, const AlpacaBenchOptions &options);

} // namespace vigil::bench
