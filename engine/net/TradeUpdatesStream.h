#pragma once
// The trade_updates stream (`/stream`) as Alpaca's paper trading serves it. No welcome
// frame: the client sends {"action":"authenticate","data":{"key_id","secret_key"}} with its
// bot's key pair and is answered {"stream":"authorization","data":{"action":"authenticate",
// "status":"authorized"|"unauthorized"}}; then {"action":"listen","data":{"streams":[...]}}
// (the set it names replaces the previous one) is answered {"stream":"listening",...}; from
// then on every trade update of that bot's orders arrives as {"stream":"trade_updates",
// "data":...} (TradeUpdateJson.h). Messages go out as JSON in binary frames, as paper
// trading sends them; the client's may be text or binary. A message that is not what the
// protocol expects is answered {"stream":"error","data":{"error":"<what is wrong>"}}.
//
// A connection that has not authenticated within 10 s of opening is answered
// {"stream":"error","data":{"error":"auth timeout"}} and closed (sweep(), about once a
// second): one that never logs in would hold one of the gateway's max_connections for
// nothing, and enough of them would lock every bot out.
//
// TradeUpdateRouter keeps the open connections by bot and is the hub's trade-update sink
// (GatewayStreams.h wires it): an update reaches the listening connections of its own bot
// only, encoded once for all of them.
//
// Threads: the gateway's network thread only (HttpTypes.h). The router outlives every
// handler it opened.

#include "api/Time.h"
#include "gateway/GatewayTypes.h"
#include "net/HttpTypes.h"
#include "net/StreamAuth.h"

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace vigil::gateway {

class TradeUpdateRouter {
public:
    /// What the router needs of the gateway's bots (GatewayHub and BotKeyStore: see
    /// GatewayStreams.h).
    struct Bots {
        Authenticate authenticate;
        std::function<int(std::string_view name)> index;    ///< the bot configured as `name`, or -1
        std::function<void(int bot, int delta)> noteStream; ///< a stream authenticated as the bot (+1) or gone (-1)
        std::function<void(int bot)> noteSeen;              ///< the bot sent a stream message
    };

    static constexpr SimTime kAuthTimeout = 10 * kNsPerSecond;

    /// `wallClock`: the clock of the auth timeout (wallNowNs when empty).
    explicit TradeUpdateRouter(Bots bots, std::function<SimTime()> wallClock = {});
    ~TradeUpdateRouter();
    TradeUpdateRouter(const TradeUpdateRouter &) = delete;
    TradeUpdateRouter &operator=(const TradeUpdateRouter &) = delete;

    /// The handler of a new `/stream` connection.
    std::unique_ptr<WsHandler> open(std::shared_ptr<WsConnection> connection);
    /// Sends `update` to every connection of `bot` that listens to trade_updates.
    void deliver(int bot, const TradeUpdate &update);
    /// How many connections of `bot` listen to trade_updates now.
    int listeners(int bot) const;
    /// Closes the connections that have not authenticated within kAuthTimeout of opening,
    /// and those whose key has been revoked since (with setKeyCheck()).
    void sweep();
    /// How sweep() asks whether an authenticated connection's key is still in force.
    void setKeyCheck(KeyInForce inForce);

private:
    struct Link;
    class Handler;
    void message(Link &link, std::string_view text);
    void closed(Link &link);
    void setBot(Link &link, int bot);
    void prune();

    Bots m_bots;
    KeyInForce m_inForce;
    std::function<SimTime()> m_clock;
    std::vector<std::shared_ptr<Link>> m_links;
    int m_delivering = 0; ///< deliver() is iterating m_links: removals wait
};

} // namespace vigil::gateway
