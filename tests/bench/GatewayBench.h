#pragma once
// vigil-bench gateway: the Alpaca-compatible gateway's capacity over real loopback sockets,
// in one process and one run. Orders through the gateway (HTTP in, the bot's source, risk,
// venue, the `new` event out on the trade_updates stream): orders/s accepted end to end and
// the round trip of one order at a time; the same market orders from a strategy source
// inside an engine of the same kind, as the baseline; and the market data stream's fan-out
// to 10 MessagePack clients (quote messages/s delivered in all, lag, drops).
//
// Threads: runGatewayBench() on the main thread; it starts and joins its own.

namespace vigil::bench {

struct GatewayBenchOptions {
    int orders = 20'000;     ///< the throughput phase's orders (it stops at 5 s in any case)
    int roundTrips = 2'000;  ///< the round-trip phase's orders, one in flight at a time
    double quoteSeconds = 3; ///< the fan-out phase's measured time
    double speed = 600;      ///< the simulated session's speed (the venue's latency is divided by it)
};

/// Prints figures and one final JSON line; 0 on success, 1 when a phase could not run.
int runGatewayBench(int argc, char **argv, const GatewayBenchOptions &options);

} // namespace vigil::bench
