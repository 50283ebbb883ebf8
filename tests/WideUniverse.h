#pragma once
// A wider market for load tests and benchmarks: the configuration's universe repeated
// under new names ("AAPL.1", "AAPL.2" ...) up to `count` symbols.

#include "api/Config.h"

#include <string>
#include <vector>

namespace vigil::testing {

inline Config widenUniverse(Config config, int count)
{
    const std::vector<SymbolSpec> base = config.simulator.symbols;
    for (int i = 0; static_cast<int>(config.simulator.symbols.size()) < count; ++i) {
        SymbolSpec s = base[static_cast<std::size_t>(i) % base.size()];
        s.symbol += "." + std::to_string(i / static_cast<int>(base.size()) + 1);
        config.simulator.symbols.push_back(s);
    }
    return config;
}

} // namespace vigil::testing
