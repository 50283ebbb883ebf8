#pragma once
// When the operator's day runs its own tasks: the pre-market checklist once the engine's
// clock reaches checklists.premarket_at, the end-of-day tasks (report, backup, checklist)
// once the session has closed and the clock reaches checklists.end_of_day_at. Each runs at
// most once a day. The simulator's clock starts at the open and stops at the close, so
// there the pre-market checklist runs as the session opens and the end of day at the
// close. Not thread safe: one owner polls it (the console's GUI thread, the headless run).

#include "api/Config.h"

#include <vector>

namespace vigil {

enum class SessionPhase : std::uint8_t;

enum class ScheduledTask : std::uint8_t { PreMarket, EndOfDay };

class DaySchedule {
public:
    DaySchedule(const ChecklistConfig &config, bool simulatedClock);
    /// The tasks due now (each returned once); `secondOfDay` is the engine's clock, New York.
    std::vector<ScheduledTask> poll(SessionPhase phase, int secondOfDay);
    bool preMarketTaken() const { return m_preMarket; }
    bool endOfDayTaken() const { return m_endOfDay; }

private:
    ChecklistConfig m_config;
    bool m_simulated;
    bool m_preMarket = false;
    bool m_endOfDay = false;
};

} // namespace vigil
