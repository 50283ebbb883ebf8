#pragma once
// The one place that chooses what plugs into the engine from the configuration: the
// strategy sources (and the venue beside them). Everything else knows them only through the
// seams in engine/api/. Called before the engine runs, on the thread that builds it.

#include "api/StrategySource.h"

#include <memory>
#include <vector>

namespace vigil {

struct Config;

/// The strategy sources the configuration's strategy sections name, in their order; a
/// disabled section gives a null source, which keeps its place (see StrategyLineup). Throws
/// std::invalid_argument when a section names a symbol the configuration does not trade.
std::vector<std::unique_ptr<StrategySource>> makeStrategies(const Config &config);

} // namespace vigil
