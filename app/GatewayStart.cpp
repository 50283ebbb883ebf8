#include "GatewayStart.h"

#include "api/Snapshot.h"

#include <QCoreApplication>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace vigil {

namespace {
class GatewayText {
    Q_DECLARE_TR_FUNCTIONS(GatewayText)
};
}

bool startGateway(const Config &config, const QString &dataDir, std::unique_ptr<Gateway> &out, QString *problem)
{
    out.reset();
    if (!config.gateway.enabled)
        return true;
    std::vector<std::string> universe;
    for (const SymbolSpec &spec : config.simulator.symbols)
        universe.push_back(spec.symbol);
    try {
        out = Gateway::start(config, dataDir, std::move(universe));
    } catch (const std::exception &e) {
        const QString why = GatewayText::tr("the bots' gateway cannot start: %1").arg(QString::fromUtf8(e.what()));
        std::fprintf(stderr, "vigil: %s\n", why.toUtf8().constData());
        spdlog::error("{}", why.toStdString());
        if (problem)
            *problem = why;
        return false;
    }
    const QString said =
        GatewayText::tr("the bots' gateway listens on %1 for %n bot(s)", nullptr, static_cast<int>(config.bots.size()))
            .arg(QString::fromStdString(out->url()));
    std::fprintf(stderr, "vigil: %s\n", said.toUtf8().constData());
    spdlog::info("{}", said.toStdString());
    return true;
}

BotProcesses::BotProcesses(const Config &config, const Gateway &gateway, Engine &engine)
{
    const bool anyCommand =
        std::any_of(config.bots.begin(), config.bots.end(), [](const BotConfig &bot) { return !bot.command.empty(); });
    if (anyCommand) {
        BotSupervisorSetup setup;
        setup.baseUrl = gateway.url();
        m_supervisor = std::make_unique<BotSupervisor>(config.bots, setup);
    }
    BotSupervisor *supervisor = m_supervisor.get();
    engine.watchBots({[&gateway] { return gateway.links(); },
                      [supervisor]() -> std::shared_ptr<const std::vector<BotProcessStatus>> {
                          return supervisor ? supervisor->statuses() : nullptr;
                      }});
    if (!supervisor)
        return;
    supervisor->startAll();
    QObject::connect(&m_follow, &QTimer::timeout,
                     [supervisor, &engine] { supervisor->followTradingState(engine.snapshot()->tradingState); });
    m_follow.start(200);
}

BotProcesses::~BotProcesses() = default;

} // namespace vigil
