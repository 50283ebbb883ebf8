#pragma once
// The process and the machine as the health panel shows them: the process's CPU use (all
// its threads, as a share of the machine's cores), its resident memory, and the free space
// on the data directory's volume. Sampled at most once a wall second from /proc and
// statvfs(); a figure that cannot be read stays unknown rather than zero. One thread (the
// engine's).

#include <cstdint>
#include <string>

namespace vigil {

struct SystemStats {
    bool cpuKnown = false;
    double cpuPct = 0;            ///< of all the machine's cores, since the previous sample
    int cores = 0;
    std::int64_t rssBytes = -1;   ///< resident memory; -1 unknown
    std::string dataDirectory;    ///< the volume measured; empty when none is set
    std::int64_t diskFreeBytes = -1;  ///< available to this user; -1 unknown
    std::int64_t diskTotalBytes = -1;
    bool operator==(const SystemStats &) const = default;
};

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
