#pragma once
// Drills: rehearsals of the broker's and the feed's faults on the simulated venue (see
// DrillKind). Engine thread only, owned by EngineCore.
//
// Calling contract: EngineCore hands each drill command to prepare(); what it returns is
// the message for the venue, numbered (EngineMessage::drillNumber, the number
// Engine::drillOutcome() answers for), which EngineCore sends and announces with
// describe(). Nothing here sends, journals or alerts.

#include "api/Commands.h"
#include "api/Types.h"

#include <cstdint>
#include <optional>
#include <string>

namespace vigil {

class Drills {
public:
    /// The venue's message for `drill`, numbered; nothing (with why in `refusal`) when it
    /// cannot run: an unknown kind, the market closed, a target or amount out of range.
    std::optional<EngineMessage> prepare(const cmd::Drill &drill, bool marketOpen, SimTime now, std::string &refusal);
    /// "DRILL NAME [on SUBJECT] [(AMOUNT)]".
    static std::string describe(const cmd::Drill &drill);
    /// The number of the last drill prepared (0: none).
    std::uint32_t sent() const { return m_sent; }

private:
    std::uint32_t m_sent = 0;
};

} // namespace vigil
