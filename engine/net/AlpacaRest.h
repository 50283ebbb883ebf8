#pragma once
// Alpaca's REST API for the bots: the handler the transport calls for every HTTP request
// (Routes::http). It checks the bot's key pair, counts the request against the bot's rate
// limit, routes by method and path, reads the request into a BotRequest (AlpacaJson), hands
// it to the engine through the hub, and answers with Alpaca's JSON and status codes when the
// engine replies. It never waits for the engine: the answer goes out from the reply.
//
// Served: GET /v2/account, /v2/account/activities[/{type}] (FILL: the bot's fills; other
// types are empty), /v2/clock, /v2/calendar, /v2/assets, /v2/assets/{symbol};
// POST, GET and DELETE /v2/orders; GET and DELETE /v2/orders/{id}; GET
// /v2/orders:by_client_order_id; GET and DELETE /v2/positions and /v2/positions/{symbol};
// the market data API's latest quote, trade and bar, for one symbol
// (/v2/stocks/{symbol}/quotes/latest) and several (/v2/stocks/quotes/latest?symbols=).
// Anything else is 404 (unknown path) or 405 (a known path, another method).
//
// Threads: the gateway's network thread only (construction anywhere before it runs).

#include "api/Config.h"
#include "gateway/GatewayHub.h"
#include "net/HttpTypes.h"
#include "net/RateLimiter.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::gateway {

/// What the REST API needs of the gateway's engine side: GatewayHub's network-thread half,
/// narrowed so that the API can be tested against fixed replies.
struct RestBackend {
    std::vector<BotConfig> bots; ///< the configured bots, by the index the hub knows them by
    /// Queues a request for a bot; the reply comes back on the network thread, once.
    std::function<void(int bot, BotRequest request, ReplyFn reply)> request;
    /// A request of the bot arrived (its heartbeat).
    std::function<void(int bot)> noteSeen;
};

/// The backend of a running gateway: the hub itself.
inline RestBackend hubBackend(GatewayHub &hub)
{
    RestBackend backend;
    backend.bots = hub.bots();
    backend.request = [&hub](int bot, BotRequest request, ReplyFn reply) {
        hub.request(bot, std::move(request), std::move(reply));
    };
    backend.noteSeen = [&hub](int bot) { hub.noteSeen(bot); };
    return backend;
}

/// The bot whose key pair this is (BotKeyStore::authenticate), or none.
using Authenticate = std::function<std::optional<std::string>(std::string_view keyId, std::string_view secret)>;

class AlpacaRest {
public:
    /// `nowNs` is the wall clock in ns since the epoch (the rate limit's and its headers'
    /// time); utcNowNs when not given.
    AlpacaRest(RestBackend backend, Authenticate authenticate, std::function<std::int64_t()> nowNs = {});

    /// Answers one request (Routes::http): now when it is refused, later when the engine
    /// has replied.
    void handle(HttpRequest request, Respond respond);

private:
    RestBackend m_backend;
    Authenticate m_authenticate;
    std::function<std::int64_t()> m_nowNs;
    std::vector<RateLimiter> m_limits; ///< one per bot
};

} // namespace vigil::gateway
