#pragma once
// Reads and validates the TOML configuration file. Thread safe (pure functions: no
// shared state between calls).
//
// Every key is optional and falls back to defaultConfig(); a key that is present must be
// known, of the right type and in range. A bad file never yields a configuration with
// silent defaults: the result carries every error found (not just the first), each
// naming the file, the line, the dotted key and the reason.

#include "api/Config.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct ConfigError {
    std::string file;   ///< the path or source name given to the loader
    std::string key;    ///< dotted key, e.g. "simulator.symbols[3].reference_price"; empty when unknown
    std::string reason; ///< English, for the operator
    int line = 0;       ///< 1-based; 0 = unknown

    /// "FILE:LINE: KEY: REASON"; LINE is left out when unknown, KEY when empty.
    std::string toString() const;
};

struct ConfigLoadResult {
    std::optional<Config> config; ///< set only when there are no errors
    std::vector<ConfigError> errors;

    bool ok() const { return config.has_value() && errors.empty(); }
};

/// Loads `path`. A missing or unreadable file gives one error naming the path.
ConfigLoadResult loadConfigFile(const std::string &path);

/// Parses configuration text; `sourceName` names it in errors and in Config::sourceFile.
ConfigLoadResult parseConfigText(std::string_view text, const std::string &sourceName);

} // namespace vigil
