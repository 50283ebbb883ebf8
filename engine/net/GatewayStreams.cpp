#include "net/GatewayStreams.h"

#include "api/BotKeys.h"
#include "gateway/GatewayHub.h"

#include <vector>

namespace vigil::gateway {

Authenticate authenticateWith(const BotKeyStore &keys)
{
    return [&keys](std::string_view keyId, std::string_view secret) { return keys.authenticate(keyId, secret); };
}

TradeUpdateRouter::Bots botsOf(GatewayHub &hub, const BotKeyStore &keys)
{
    return {authenticateWith(keys), [&hub](std::string_view name) { return hub.botIndex(name); },
            [&hub](int bot, int delta) { hub.noteStream(bot, delta); }, [&hub](int bot) { hub.noteSeen(bot); }};
}

void attachStreams(GatewayHub &hub, TradeUpdateRouter &router, MarketDataHub &market)
{
    hub.setTradeUpdateSink([&router](int bot, const TradeUpdate &update) { router.deliver(bot, update); });
    hub.setTickSink([&hub, &market, ticks = std::vector<MarketTick>()]() mutable {
        ticks.clear();
        hub.drainTicks(ticks);
        market.publish(ticks);
    });
}

} // namespace vigil::gateway
