#include "api/Summary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace vigil {

namespace {
QString money(Money m) { return QString::fromStdString(m.toString()); }
QString price(Price p) { return QString::fromStdString(p.toString()); }

QJsonArray positionsJson(const std::vector<PositionRow> &rows)
{
    QJsonArray out;
    for (const PositionRow &r : rows) {
        if (r.qty == 0)
            continue;
        QJsonObject o;
        o[QStringLiteral("symbol")] = QString::fromStdString(r.symbol);
        o[QStringLiteral("qty")] = static_cast<qint64>(r.qty);
        o[QStringLiteral("avg_price")] = price(r.avgPrice);
        o[QStringLiteral("mark_price")] = price(r.markPrice);
        o[QStringLiteral("market_value")] = money(r.marketValue);
        o[QStringLiteral("unrealized_pnl")] = money(r.unrealizedPnl);
        o[QStringLiteral("realized_pnl")] = money(r.realizedPnl);
        out.append(o);
    }
    return out;
}
}

QByteArray summaryJson(const RunResult &r)
{
    QJsonObject o;
    o[QStringLiteral("session_date")] = QString::fromStdString(r.sessionDate);
    o[QStringLiteral("seed")] = QString::number(r.seed);
    o[QStringLiteral("completed")] = r.completed;
    o[QStringLiteral("events")] = static_cast<qint64>(r.events);
    o[QStringLiteral("orders")] = static_cast<qint64>(r.orders);
    o[QStringLiteral("fills")] = static_cast<qint64>(r.fills);
    o[QStringLiteral("rejects")] = static_cast<qint64>(r.rejects);
    o[QStringLiteral("realized_pnl")] = money(r.realizedPnl);
    o[QStringLiteral("unrealized_pnl")] = money(r.unrealizedPnl);
    o[QStringLiteral("fees")] = money(r.fees);
    o[QStringLiteral("equity")] = money(r.equity);
    o[QStringLiteral("positions")] = positionsJson(r.positions);
    QJsonObject broker;
    broker[QStringLiteral("cash")] = money(r.brokerCash);
    broker[QStringLiteral("positions")] = positionsJson(r.brokerPositions);
    o[QStringLiteral("broker")] = broker;
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QString writeSummary(const RunResult &result, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(summaryJson(result));
    if (!file.commit())
        return file.errorString();
    return {};
}

} // namespace vigil
