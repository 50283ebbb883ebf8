#include "api/Gateway.h"

#include "api/BotKeys.h"
#include "gateway/GatewayHub.h"
#include "net/AlpacaRest.h"
#include "net/GatewayStreams.h"
#include "net/HttpServer.h"

#include <chrono>
#include <utility>

namespace vigil {

namespace {

using namespace gateway;

/// The parts in the order they must be built and, reversed, torn down: the server (its
/// network thread) goes first, so that nothing it runs outlives what it calls.
class RunningGateway final : public Gateway {
public:
    RunningGateway(const Config &config, const QString &dataDir, std::vector<std::string> universe)
        : m_keys(dataDir)
        , m_hub(config.bots, universe)
        , m_rest(hubBackend(m_hub), authenticateWith(m_keys))
        , m_router(botsOf(m_hub, m_keys))
        , m_market(std::move(universe), authenticateWith(m_keys))
        , m_server(config.gateway, routes())
        , m_tls(!config.gateway.tlsCertificateFile.empty())
    {
        attachStreams(m_hub, m_router, m_market);
        m_hub.setPoster(m_server.poster());
        // A revoked key loses its open streams within a second, not only its next login.
        const KeyInForce inForce = [this](std::string_view keyId) { return m_keys.inForce(keyId); };
        m_router.setKeyCheck(inForce);
        m_market.setKeyCheck(inForce);
        // While ticks flow, publishing checks the data stream's auth timeouts, revoked keys
        // and slow clients; outside the session nothing would. The trade_updates stream's
        // checks have only this.
        m_server.every(std::chrono::seconds(1), [this] {
            m_market.sweep();
            m_router.sweep();
        });
        m_server.start();
    }
    ~RunningGateway() override { m_server.stop(); }

    EngineExtensions takeExtensions() override { return {m_hub.takeSources(), &m_hub.marketTap()}; }
    void engineStopped() override { m_hub.engineStopped(); }
    std::uint16_t port() const override { return m_server.port(); }
    std::string url() const override
    {
        return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_server.port());
    }
    std::vector<GatewayBotLink> links() const override
    {
        std::vector<GatewayBotLink> out;
        const std::vector<BotConfig> &bots = m_hub.bots();
        for (std::size_t i = 0; i < bots.size(); ++i) {
            const BotLink link = m_hub.link(static_cast<int>(i));
            out.push_back({bots[i].name, link.streams, link.lastSeenWall});
        }
        return out;
    }

private:
    Routes routes()
    {
        Routes routes;
        routes.http = [this](HttpRequest request, Respond respond) {
            m_rest.handle(std::move(request), std::move(respond));
        };
        routes.websocket = [this](const HttpRequest &upgrade,
                                  std::shared_ptr<WsConnection> connection) -> std::unique_ptr<WsHandler> {
            if (upgrade.path == "/stream")
                return m_router.open(std::move(connection));
            return m_market.open(upgrade, std::move(connection)); // null for a path that is no feed
        };
        return routes;
    }

    BotKeyStore m_keys;
    GatewayHub m_hub;
    AlpacaRest m_rest;
    TradeUpdateRouter m_router;
    MarketDataHub m_market;
    HttpServer m_server;
    bool m_tls = false;
};

} // namespace

std::unique_ptr<Gateway> Gateway::start(const Config &config, const QString &dataDir, std::vector<std::string> universe)
{
    return std::make_unique<RunningGateway>(config, dataDir, std::move(universe));
}

} // namespace vigil
