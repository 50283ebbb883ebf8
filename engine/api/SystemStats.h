#pragma once
// The process and the machine as the health panel shows them (Snapshot::system): the
// process's CPU use, its resident memory, and the free space on the data directory's
// volume. Sampled on the engine thread (health/SystemMonitor.h); a figure that cannot be
// read stays unknown rather than zero. Thread safe (plain values).

#include <cstdint>
#include <string>

namespace vigil {

struct SystemStats {
    bool cpuKnown = false;
    double cpuPct = 0; ///< of all the machine's cores, since the previous sample
    int cores = 0;
    std::int64_t rssBytes = -1;      ///< resident memory; -1 unknown
    std::string dataDirectory;       ///< the volume measured; empty when none is set
    std::int64_t diskFreeBytes = -1; ///< available to this user; -1 unknown
    std::int64_t diskTotalBytes = -1;
    bool operator==(const SystemStats &) const = default;
};

} // namespace vigil
