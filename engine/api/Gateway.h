#pragma once
// The Alpaca-compatible gateway as the application starts it: operators' own bots connect
// here with Alpaca's SDKs and trade inside the engine as strategies of their own (one
// StrategySource each), under the engine's pre-trade checks, trading state and kill switch.
// It serves Alpaca's Trading API v2 subset, the trade_updates stream and the market data
// v2 stream on its own network thread; the engine is reached through a hub of queues only,
// so no peer can stall the engine or the console.
//
// Threads: start() and the destructor on the controlling thread that builds the engine
// (start before the engine is built: the engine takes the bots' sources; destroy after the
// engine is gone). port(), url(), links() and engineStopped() from any thread.

#include "api/BotHealth.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/StrategySource.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigil {

class Gateway {
public:
    /// Listens as `config.gateway` says, for the bots of `config.bots`, with the keys of
    /// `dataDir`'s key store; `universe` is the venue's symbols by SymbolId. Throws
    /// std::runtime_error naming what is wrong (an address without TLS, a certificate that
    /// does not load, a port in use).
    static std::unique_ptr<Gateway> start(const Config &config, const QString &dataDir,
                                          std::vector<std::string> universe);
    virtual ~Gateway() = default;

    /// What the engine takes from it: the bots' strategy sources in the configuration's
    /// order, and the tap that feeds the market data stream; once.
    virtual EngineExtensions takeExtensions() = 0;
    /// After the engine's thread has ended (the engine is destroyed or has stopped): the
    /// requests still waiting, and every later one, are answered 503 instead of never.
    virtual void engineStopped() = 0;
    /// The port it listens on (the configured one, or the one the system chose for 0).
    virtual std::uint16_t port() const = 0;
    /// "http://127.0.0.1:PORT" (https with TLS).
    virtual std::string url() const = 0;
    virtual std::vector<GatewayBotLink> links() const = 0;
};

} // namespace vigil
