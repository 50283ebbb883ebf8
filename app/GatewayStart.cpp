#include "GatewayStart.h"

#include <QCoreApplication>

#include <spdlog/spdlog.h>

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

} // namespace vigil
