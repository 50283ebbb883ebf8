#include "api/DaySchedule.h"

#include "api/Snapshot.h"

namespace vigil {

DaySchedule::DaySchedule(const ChecklistConfig &config, bool simulatedClock)
    : m_config(config)
    , m_simulated(simulatedClock)
{}

std::vector<ScheduledTask> DaySchedule::poll(SessionPhase phase, int secondOfDay)
{
    std::vector<ScheduledTask> due;
    // A console started after the close has no pre-market left to check.
    if (!m_preMarket && phase == SessionPhase::Closed)
        m_preMarket = true;
    // The simulator's clock does not run before the session starts.
    const bool clockRuns = !m_simulated || phase != SessionPhase::NotStarted;
    if (!m_preMarket && clockRuns && secondOfDay >= m_config.premarketSecondOfDay) {
        m_preMarket = true;
        due.push_back(ScheduledTask::PreMarket);
    }
    if (!m_endOfDay && phase == SessionPhase::Closed && (m_simulated || secondOfDay >= m_config.endOfDaySecondOfDay)) {
        m_endOfDay = true;
        due.push_back(ScheduledTask::EndOfDay);
    }
    return due;
}

} // namespace vigil
