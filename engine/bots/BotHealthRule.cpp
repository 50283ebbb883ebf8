#include "bots/BotHealthRule.h"

#include <algorithm>

namespace vigil {

std::string_view toString(BotLinkState state)
{
    switch (state) {
    case BotLinkState::NotSeen: return "not seen";
    case BotLinkState::Up: return "up";
    case BotLinkState::Down: return "down";
    }
    return "?";
}

std::string_view toString(BotProcessState state)
{
    switch (state) {
    case BotProcessState::Unsupervised: return "unsupervised";
    case BotProcessState::Starting: return "starting";
    case BotProcessState::Running: return "running";
    case BotProcessState::Backoff: return "restarting";
    case BotProcessState::Failed: return "failed";
    case BotProcessState::Stopped: return "stopped";
    }
    return "?";
}

BotHealthRule::BotHealthRule(std::vector<BotConfig> bots)
    : m_bots(std::move(bots))
    , m_seen(m_bots.size())
{}

std::vector<BotHealthRule::Event> BotHealthRule::check(std::int64_t monoNowNs, std::int64_t utcNow)
{
    std::vector<Event> events;
    if (m_bots.empty() || !watching() || monoNowNs < m_nextCheckNs)
        return events;
    m_nextCheckNs = monoNowNs + kCheckIntervalMs * kNsPerMs;

    const std::vector<GatewayBotLink> links = m_watch.links ? m_watch.links() : std::vector<GatewayBotLink>{};
    const auto processes = m_watch.processes ? m_watch.processes() : nullptr;
    for (std::size_t i = 0; i < m_bots.size(); ++i) {
        const BotConfig &bot = m_bots[i];
        Seen &seen = m_seen[i];
        const auto link =
            std::find_if(links.begin(), links.end(), [&bot](const GatewayBotLink &l) { return l.botName == bot.name; });
        if (link != links.end()) {
            seen.streams = link->streams;
            seen.lastSeenWall = link->lastSeenWall;
        }
        seen.silentMs = seen.lastSeenWall > 0 ? std::max<std::int64_t>(utcNow - seen.lastSeenWall, 0) / kNsPerMs : 0;
        const bool heard = seen.streams > 0 || seen.lastSeenWall > 0;
        const bool up =
            seen.streams > 0 || (seen.lastSeenWall > 0 && seen.silentMs <= std::int64_t{bot.heartbeatSeconds} * 1'000);
        const BotLinkState before = seen.state;
        if (up)
            seen.state = BotLinkState::Up;
        else if (heard && before != BotLinkState::NotSeen)
            seen.state = BotLinkState::Down;
        if (before == BotLinkState::Up && seen.state == BotLinkState::Down)
            events.push_back({Event::Kind::Lost, i,
                              "no trade_updates stream and silent " + std::to_string(seen.silentMs / 1'000)
                                  + " s (heartbeat " + std::to_string(bot.heartbeatSeconds) + " s)"});
        else if (before == BotLinkState::Down && seen.state == BotLinkState::Up)
            events.push_back(
                {Event::Kind::Back, i,
                 seen.streams > 0 ? std::string("its stream is connected") : std::string("it made a request")});

        if (processes) {
            const auto process = std::find_if(processes->begin(), processes->end(),
                                              [&bot](const BotProcessStatus &p) { return p.bot == bot.name; });
            if (process != processes->end()) {
                if (process->state == BotProcessState::Failed
                    && (!seen.supervised || seen.process.state != BotProcessState::Failed))
                    events.push_back({Event::Kind::FailedToStart, i, process->error});
                seen.process = *process;
                seen.supervised = true;
            }
        }
    }
    return events;
}

void BotHealthRule::describe(std::vector<BotRow> &rows) const
{
    rows.clear();
    rows.reserve(m_bots.size());
    for (std::size_t i = 0; i < m_bots.size(); ++i) {
        const BotConfig &bot = m_bots[i];
        const Seen &seen = m_seen[i];
        BotRow row;
        row.key = bot.name;
        row.name = bot.displayName.empty() ? bot.name : bot.displayName;
        row.link = seen.state;
        row.streams = seen.streams;
        row.lastSeenWall = seen.lastSeenWall;
        row.silentMs = seen.silentMs;
        row.heartbeatSeconds = bot.heartbeatSeconds;
        row.onLost = bot.onLost;
        if (seen.supervised) {
            row.process = seen.process.state;
            row.restarts = seen.process.restarts;
            row.lastExit = seen.process.lastExit;
            row.lastExitCode = seen.process.lastExitCode;
        }
        rows.push_back(std::move(row));
    }
}

} // namespace vigil
