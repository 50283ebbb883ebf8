#pragma once
// The two streams wired to the gateway's hub and key store: the trade-update router becomes
// the hub's trade-update sink and learns the bots from it; the market data hub becomes its
// tick sink, drains the ring on every doorbell and fans the ticks out.
//
// Threads: attachStreams() on the controlling thread before the engine runs (it sets the
// hub's sinks); the functions it installs run on the gateway's network thread. The hub,
// the key store, the router and the market data hub outlive the gateway's network thread.

#include "net/MarketDataStream.h"
#include "net/TradeUpdatesStream.h"

namespace vigil::gateway {

class BotKeyStore;
class GatewayHub;

/// BotKeyStore::authenticate as the streams take it.
Authenticate authenticateWith(const BotKeyStore &keys);
/// The router's view of the bots: their keys in `keys`, their indexes and links in `hub`.
TradeUpdateRouter::Bots botsOf(GatewayHub &hub, const BotKeyStore &keys);
/// Makes `router` the hub's trade-update sink and `market` its tick sink.
void attachStreams(GatewayHub &hub, TradeUpdateRouter &router, MarketDataHub &market);

} // namespace vigil::gateway
