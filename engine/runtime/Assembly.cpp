#include "api/Assembly.h"

#include "alpaca/AlpacaRecords.h"
#include "alpaca/AlpacaVenue.h"
#include "api/BrokerKeys.h"
#include "sim/PaperRecords.h"
#include "sim/SimulatorVenue.h"
#include "strategy/IntradayMeanReversion.h"
#include "strategy/SwingMomentum.h"

#include <QDateTime>
#include <QDir>
#include <QTimeZone>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace vigil {

namespace {
/// The key pair for `venue`'s environment; throws with the lookup's reason when there is none.
BrokerKeyPair alpacaKeys(const AlpacaVenueConfig &venue)
{
    BrokerKeyLookup lookup = loadBrokerKeys(venue.environment);
    if (lookup.source == BrokerKeySource::None)
        throw std::runtime_error("no Alpaca keys for the " + std::string(toString(venue.environment))
                                 + " environment: " + lookup.error);
    return std::move(lookup.keys);
}

/// Today's date in New York, the day whose orders count as the session's.
Date newYorkToday()
{
    const QDate d = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("America/New_York")).date();
    return Date{d.year(), d.month(), d.day()};
}

/// Alpaca's records without a running engine: set-up problems become the records' errors
/// (an unanswered statement, an unknown account), never a throw in a reader's face.
class UnavailableRecords final : public BrokerRecords {
public:
    explicit UnavailableRecords(std::string why)
        : m_why(std::move(why))
    {}
    BrokerStatement statement() const override
    {
        BrokerStatement s;
        s.error = m_why;
        return s;
    }
    AccountFacts account() const override
    {
        AccountFacts a;
        a.error = m_why;
        return a;
    }

private:
    std::string m_why;
};
}

std::unique_ptr<Venue> makeVenue(const Config &config, const VenueSetup &setup)
{
    switch (config.venue.kind) {
    case VenueKind::Simulator:
        return std::make_unique<SimulatorVenue>(config, setup.sessionDate, setup.seed, setup.speed,
                                                setup.crashAfterBrokerAccepts);
    case VenueKind::Alpaca:
        return std::make_unique<alpaca::AlpacaVenue>(config, setup.sessionDate, alpacaKeys(config.venue.alpaca));
    }
    return nullptr;
}

std::shared_ptr<const BrokerRecords> makeBrokerRecords(const VenueConfig &venue, const QString &dataDir)
{
    switch (venue.kind) {
    case VenueKind::Simulator:
        return std::make_shared<PaperRecords>(QDir(dataDir).filePath(QString::fromLatin1(kPaperBrokerFile)));
    case VenueKind::Alpaca:
        try {
            const AlpacaVenueConfig alpaca = withDefaultUrls(venue.alpaca);
            auto trading = std::make_shared<alpaca::TradingThread>(alpaca, alpacaKeys(alpaca), "alpaca-records");
            return std::make_shared<alpaca::AlpacaRecords>(std::move(trading), newYorkToday());
        } catch (const std::exception &e) {
            return std::make_shared<UnavailableRecords>(e.what());
        }
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
