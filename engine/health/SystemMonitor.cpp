#include "health/SystemMonitor.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>

namespace vigil {

namespace {

/// utime + stime of this process in clock ticks (fields 14 and 15 of /proc/self/stat);
/// -1 when unreadable.
std::int64_t cpuTicks()
{
    FILE *f = std::fopen("/proc/self/stat", "r");
    if (!f)
        return -1;
    char line[1024];
    const bool read = std::fgets(line, sizeof line, f) != nullptr;
    std::fclose(f);
    if (!read)
        return -1;
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const char *p = std::strrchr(line, ')');
    if (!p)
        return -1;
    unsigned long long utime = 0, stime = 0;
    // After ")": state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10)
    // cminflt(11) majflt(12) cmajflt(13) utime(14) stime(15).
    if (std::sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return -1;
    return static_cast<std::int64_t>(utime + stime);
}

std::int64_t residentBytes()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    unsigned long long size = 0, resident = 0;
    const bool ok = std::fscanf(f, "%llu %llu", &size, &resident) == 2;
    std::fclose(f);
    return ok ? static_cast<std::int64_t>(resident) * sysconf(_SC_PAGESIZE) : -1;
}

} // namespace

void SystemMonitor::setDataDirectory(std::string directory)
{
    m_stats.dataDirectory = std::move(directory);
    m_lastSampleNs = 0; // read the new volume at the next sample
}

const SystemStats &SystemMonitor::sample(std::int64_t wallNowNs)
{
    if (m_lastSampleNs != 0 && wallNowNs - m_lastSampleNs < kSampleIntervalNs)
        return m_stats;
    const std::int64_t ticks = cpuTicks();
    m_stats.cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (ticks >= 0 && m_lastCpuTicks >= 0 && m_lastSampleNs != 0 && wallNowNs > m_lastSampleNs) {
        const double cpuSeconds =
            static_cast<double>(ticks - m_lastCpuTicks) / static_cast<double>(sysconf(_SC_CLK_TCK));
        const double wallSeconds = static_cast<double>(wallNowNs - m_lastSampleNs) / 1e9;
        m_stats.cpuPct = 100.0 * cpuSeconds / wallSeconds / m_stats.cores;
        m_stats.cpuKnown = true;
    }
    m_lastCpuTicks = ticks;
    m_stats.rssBytes = residentBytes();
    struct statvfs volume {};
    if (!m_stats.dataDirectory.empty() && ::statvfs(m_stats.dataDirectory.c_str(), &volume) == 0) {
        m_stats.diskFreeBytes = static_cast<std::int64_t>(volume.f_bavail) * static_cast<std::int64_t>(volume.f_frsize);
        m_stats.diskTotalBytes =
            static_cast<std::int64_t>(volume.f_blocks) * static_cast<std::int64_t>(volume.f_frsize);
    } else {
        m_stats.diskFreeBytes = -1;
        m_stats.diskTotalBytes = -1;
    }
    m_lastSampleNs = wallNowNs;
    return m_stats;
}

} // namespace vigil
