#pragma once
// vigil-bench alpaca: the Alpaca venue's figures over loopback, in one run, a section per
// measurement. Market data: a WebSocket server on its own thread sends pre-encoded
// MessagePack frames of quotes (the gateway's encoder, batches as the gateway sends them)
// as fast as the reader takes them; (1) a bare QWebSocket receives them and only counts,
// (2) the market data client (engine/alpaca/MarketDataClient) decodes them and pushes
// every quote into the engine's queue, drained by a consumer thread as the engine would.
// Messages/s for both, and their ratio, against the targets (>= 2 M/s, >= 0.5).
//
// Threads: runAlpacaBench() on the main thread; it starts and joins its own.

namespace vigil::bench {

struct AlpacaBenchOptions {
    double seconds = 3; ///< each measurement's time
    int batch = 1024;   ///< quotes per frame: the gateway's most per frame (MarketDataStream)
};

/// Prints figures and one final JSON line; 0 on success, 1 when a section could not run.
int runAlpacaBench(int argc, char **argv, const AlpacaBenchOptions &options);

} // namespace vigil::bench
