#pragma once
// Reading a MessagePack map as Alpaca's data stream sends it (string keys), for the tests
// and the bench that decode the gateway's frames with msgpack-cxx. Any thread (free
// functions over a decoded object).

#include <msgpack.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil::testing {

/// A MessagePack map's value under `key`, or null (also when `map` is not a map).
inline const msgpack::object *field(const msgpack::object &map, std::string_view key)
{
    if (map.type != msgpack::type::MAP)
        return nullptr;
    for (std::uint32_t i = 0; i < map.via.map.size; ++i) {
        const msgpack::object &k = map.via.map.ptr[i].key;
        if (k.type == msgpack::type::STR && std::string_view(k.via.str.ptr, k.via.str.size) == key)
            return &map.via.map.ptr[i].val;
    }
    return nullptr;
}

/// The string under `key`, or `missing` when there is none (or it is not a string).
inline std::string text(const msgpack::object &map, std::string_view key, std::string_view missing = {})
{
    const msgpack::object *value = field(map, key);
    return value && value->type == msgpack::type::STR ? value->as<std::string>() : std::string(missing);
}

} // namespace vigil::testing
