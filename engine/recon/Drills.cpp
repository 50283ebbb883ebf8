#include "recon/Drills.h"

namespace vigil {

std::optional<EngineMessage> Drills::prepare(const cmd::Drill &drill, bool marketOpen, SimTime now,
                                             std::string &refusal)
{
    if (drill.kind > kLastDrillKind) { // a value no text names: only a cast makes one
        refusal = "no drill numbered " + std::to_string(static_cast<int>(drill.kind)) + "; the drills are:";
        for (int k = 0; k <= static_cast<int>(kLastDrillKind); ++k)
            refusal += " " + std::string(toString(static_cast<DrillKind>(k)));
        return std::nullopt;
    }
    if (!marketOpen) {
        refusal = "drills run while the market is open";
        return std::nullopt;
    }
    if (drill.subject.size() >= kClientOrderIdSize) {
        refusal = "drill target '" + drill.subject + "' is too long";
        return std::nullopt;
    }
    if (drill.amount < 0 || drill.amount > 3600) {
        refusal = "drill amount " + std::to_string(drill.amount) + " outside 0..3600";
        return std::nullopt;
    }
    EngineMessage m;
    m.kind = EngineMessage::Kind::Drill;
    m.drill = static_cast<std::uint8_t>(drill.kind);
    m.drillAmount = drill.amount;
    m.drillNumber = ++m_sent;
    m.setClientOrderId(drill.subject);
    m.decisionTime = now;
    return m;
}

std::string Drills::describe(const cmd::Drill &drill)
{
    std::string what = "DRILL " + std::string(toString(drill.kind));
    if (!drill.subject.empty())
        what += " on " + drill.subject;
    if (drill.amount > 0)
        what += " (" + std::to_string(drill.amount) + ")";
    return what;
}

} // namespace vigil
