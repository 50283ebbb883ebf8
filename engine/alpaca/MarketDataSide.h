#pragma once
// The Alpaca venue's market data: the data stream client (MarketDataClient) on a thread of
// its own ("alpaca-data"), pushing quotes and trades into the venue's market queue. The venue tells it when
// the session is open (its silence rule and REST fallback apply only then).
//
// Threads: construction, start(), stop() and the destructor on the controlling thread;
// setMarketOpen() and the state readers from any thread.

#include "alpaca/AlpacaVenue.h"
#include "api/VenueLinks.h"

#include <memory>
#include <string>
#include <vector>

namespace vigil::alpaca {

class MarketDataSide {
public:
    /// `stop`: the venue's stop flag (a wait on a full queue ends when it is set).
    MarketDataSide(const AlpacaVenueConfig &config, const BrokerKeyPair &keys, std::vector<std::string> universe,
                   MarketDataQueue &queue, Doorbell &bell, const std::atomic<bool> &stop);
    ~MarketDataSide();
    MarketDataSide(const MarketDataSide &) = delete;
    MarketDataSide &operator=(const MarketDataSide &) = delete;

    void start();
    void stop();
    void setMarketOpen(bool open);
    LinkState state() const;
    MarketDataSource source() const;
    std::uint32_t reconnects() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::alpaca
