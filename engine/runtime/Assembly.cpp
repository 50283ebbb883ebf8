#include "api/Assembly.h"

#include "sim/PaperRecords.h"
#include "sim/SimulatorVenue.h"
#include "strategy/IntradayMeanReversion.h"
#include "strategy/SwingMomentum.h"

#include <QDir>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace vigil {

std::unique_ptr<Venue> makeVenue(const Config &config, const VenueSetup &setup)
{
    switch (config.venue.kind) {
    case VenueKind::Simulator:
        return std::make_unique<SimulatorVenue>(config, setup.sessionDate, setup.seed, setup.speed,
                                                setup.crashAfterBrokerAccepts);
    case VenueKind::Alpaca: break; // the configuration loader does not accept it yet
    }
    return nullptr;
}

std::shared_ptr<const BrokerRecords> makeBrokerRecords(const VenueConfig &venue, const QString &dataDir)
{
    switch (venue.kind) {
    case VenueKind::Simulator:
        return std::make_shared<PaperRecords>(QDir(dataDir).filePath(QString::fromLatin1(kPaperBrokerFile)));
    case VenueKind::Alpaca: break; // the configuration loader does not accept it yet
    }
    return nullptr;
}

namespace {
/// By SymbolId, whether a strategy configured with `symbols` trades it (none listed: all).
std::vector<bool> tradedSymbols(const Config &config, const std::vector<std::string> &symbols)
{
    const std::vector<SymbolSpec> &universe = config.simulator.symbols;
    std::vector<bool> trades(universe.size(), symbols.empty());
    for (const std::string &name : symbols) {
        const auto it =
            std::find_if(universe.begin(), universe.end(), [&name](const SymbolSpec &s) { return s.symbol == name; });
        if (it == universe.end())
            throw std::invalid_argument("strategy symbol " + name + " is not in the simulator's universe");
        trades[static_cast<std::size_t>(it - universe.begin())] = true;
    }
    return trades;
}
}

std::vector<std::unique_ptr<StrategySource>> makeStrategies(const Config &config)
{
    // The order is the ids' (0 intraday, 1 swing), so that the books keep their numbers
    // when one of them is disabled.
    std::vector<std::unique_ptr<StrategySource>> sources;
    const IntradayStrategyConfig &intraday = config.strategies.intraday;
    sources.push_back(intraday.enabled
                          ? std::make_unique<IntradayMeanReversion>(tradedSymbols(config, intraday.symbols), intraday)
                          : nullptr);
    const SwingStrategyConfig &swing = config.strategies.swing;
    sources.push_back(swing.enabled ? std::make_unique<SwingMomentum>(tradedSymbols(config, swing.symbols), swing)
                                    : nullptr);
    return sources;
}

} // namespace vigil
