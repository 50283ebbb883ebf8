// EngineCore's side of the lost-bot rule (bots/BotHealthRule): a bot lost is acted on
// through the typed commands, as an operator would, so the journal, the audit trail and the
// console show it the same way. Engine thread only, like the rest of EngineCore.

#include "runtime/EngineCore.h"

#include "core/EngineText.h"

namespace vigil {

namespace {
/// Who the rule's commands and alerts are from.
constexpr std::string_view kBotActor = "system (lost-bot rule)";
}

void EngineCore::checkBots()
{
    for (const BotHealthRule::Event &event : m_bots.check(wallNowNs(), utcNowNs())) {
        const BotConfig &bot = m_bots.bots()[event.bot];
        switch (event.kind) {
        case BotHealthRule::Event::Kind::Lost: botLost(bot, event.detail); break;
        case BotHealthRule::Event::Kind::Back:
            alert(AlertSeverity::Warning, engineTr("Bots", "bot %1 is back: %2").arg(bot.name, event.detail), "bots");
            audit(kBotActor, "bot back", bot.name + ": " + event.detail);
            break;
        case BotHealthRule::Event::Kind::FailedToStart: alert(AlertSeverity::Critical, event.detail, "bots"); break;
        }
    }
}

void EngineCore::botLost(const BotConfig &bot, const std::string &why)
{
    const std::string reason = "bot " + bot.name + " lost: " + why;
    audit(kBotActor, "bot lost", reason + "; on_lost = " + std::string(toString(bot.onLost)));
    std::string done;
    if (bot.onLost == BotLostAction::LeaveOrders) {
        done = engineTr("Bots", "its orders and positions are left as they are");
    } else if (strategyByKey(bot.name) == kNoStrategy) {
        done = engineTr("Bots", "it trades no strategy here: nothing to do");
    } else {
        Command command;
        if (bot.onLost == BotLostAction::CancelOrders)
            command = cmd::CancelOrders{{std::string(kBotActor), reason}, bot.name};
        else
            command = cmd::Flatten{{std::string(kBotActor), reason}, {FlattenScope::Kind::Strategy, bot.name}};
        const CommandResult result = execute(command); // audited as the command
        done = result.ok ? result.message : engineTr("Bots", "refused: %1").arg(result.message);
    }
    alert(AlertSeverity::Critical, engineTr("Bots", "bot %1 lost (%2): %3").arg(bot.name, why, done), "bots");
}

EngineCore::Answer EngineCore::handle(const cmd::CancelOrders &c, const Step &)
{
    const StrategyId id = strategyByKey(c.strategy);
    if (id == kNoStrategy)
        return {false, engineTr("Controls", "no strategy named '%1'").arg(c.strategy)};
    if (m_phase != SessionPhase::Open)
        return {false, engineTr("Controls", "the market is not open: nothing can be cancelled now")};
    std::size_t cancelled = 0;
    for (const Order &o : m_orders.orders())
        if (o.strategy == id && !isTerminal(o.status) && o.status != OrderStatus::CancelPending
            && o.status != OrderStatus::Unknown && cancel(o.id))
            ++cancelled;
    return {true, engineTr("Controls", "%1 working order(s) of %2 being cancelled").arg(cancelled, c.strategy)};
}

} // namespace vigil
