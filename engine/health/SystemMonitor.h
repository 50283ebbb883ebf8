#pragma once
// The process and the machine as the health panel shows them: the process's CPU use (all
// its threads, as a share of the machine's cores), its resident memory, and the free space
// on the data directory's volume. Sampled at most once a wall second from /proc and
// statvfs(); a figure that cannot be read stays unknown rather than zero. One thread (the
// engine's).

#include "api/SystemStats.h"

#include <cstdint>
#include <string>

namespace vigil {

class SystemMonitor {
public:
    static constexpr std::int64_t kSampleIntervalNs = 1'000'000'000;

    void setDataDirectory(std::string directory);
    /// The latest figures; reads new ones when a second (wall) has passed since the last.
    const SystemStats &sample(std::int64_t wallNowNs);

private:
    SystemStats m_stats;
    std::int64_t m_lastSampleNs = 0;
    std::int64_t m_lastCpuTicks = -1;
};

} // namespace vigil
