#pragma once
// The one place that chooses what plugs into the engine from the configuration: the venue
// and the strategy sources. Everything else knows them only through the seams in
// engine/api/ (Venue.h, StrategySource.h). Called before the engine runs, on the
// controlling thread that builds it.

#include "api/Config.h"
#include "api/StrategySource.h"
#include "api/Venue.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace vigil {

// ---- the venue ----------------------------------------------------------------------

/// What a venue is made for: the trading day and, for the simulator, how it plays it.
struct VenueSetup {
    Date sessionDate;
    std::uint64_t seed = 1; ///< the simulator's market
    double speed = 0;       ///< the simulator's pace (simulated seconds per wall second; 0: flat out)
    std::uint64_t crashAfterBrokerAccepts = 0; ///< the simulator's drill (RunOptions)
};

/// The venue `config.venue` names.
std::unique_ptr<Venue> makeVenue(const Config &config, const VenueSetup &setup);

/// The broker's records of the venue `venue` names, as they stand in the data directory
/// `dataDir`, for readers without a running engine (the checklists of `vigil check`, a
/// restore's comparison).
std::shared_ptr<const BrokerRecords> makeBrokerRecords(const VenueConfig &venue, const QString &dataDir);

// ---- the strategy sources -----------------------------------------------------------

/// The strategy sources the configuration's strategy sections name, in their order; a
/// disabled section gives a null source, which keeps its place (see StrategyLineup). Throws
/// std::invalid_argument when a section names a symbol the configuration does not trade.
std::vector<std::unique_ptr<StrategySource>> makeStrategies(const Config &config);

} // namespace vigil
