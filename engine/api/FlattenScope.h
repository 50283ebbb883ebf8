#pragma once
// What a flatten closes, as the operator named it: everything, one strategy (by key) or one
// symbol. The engine resolves the name to ids and refuses a name it does not know. A plain
// value: any thread.

#include <cstdint>
#include <string>

namespace vigil {

struct FlattenScope {
    enum class Kind : std::uint8_t { All, Strategy, Symbol } kind = Kind::All;
    std::string target; ///< the strategy's key or the symbol; empty for All
};

} // namespace vigil
