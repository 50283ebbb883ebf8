#pragma once
// What the Alpaca failure stories share (tst_alpaca_stories, tst_alpaca_session): the
// loopback Alpaca (a server vigil behind the fault proxy) and a client vigil trading it,
// whose own gateway serves one bot the test drives, so that the test can place the client's
// orders itself (the built-in strategies trade beside it). The bot's orders go on through
// the client's engine, its checks and its adapter to the server, like any strategy's.
// The truth is read from the server past the proxy, the client's side from its journal
// (read-only connections) and `vigil ctl status --json`.
//
// Threads: the test's thread only (the HTTP calls run a local event loop).

#include "AlpacaClient.h"
#include "AlpacaLoopback.h"
#include "SqlFiles.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>

#include <functional>

namespace vigil::testing {

/// Calls `done` every 100 ms until it is true or `timeoutMs` passed; whether it was.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        if (done())
            return true;
        if (waited.elapsed() >= timeoutMs)
            return false;
        QThread::msleep(100);
    }
}

/// The bot behind the client vigil's gateway: its key pair from `vigil bot add`.
class ClientBot {
public:
    quint16 port = 0;
    QString keyId;
    QString secret;

    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }

    AlpacaLoopback::Reply call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                               int timeoutMs = 10'000)
    {
        QNetworkRequest request{QUrl(baseUrl() + path)};
        request.setTransferTimeout(timeoutMs);
        request.setRawHeader("APCA-API-KEY-ID", keyId.toUtf8());
        request.setRawHeader("APCA-API-SECRET-KEY", secret.toUtf8());
        QByteArray bytes;
        if (!body.isEmpty()) {
            bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        }
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, bytes);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        AlpacaLoopback::Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            r.body = reply->readAll();
        r.error = reply->error();
        r.errorText = reply->errorString();
        reply->deleteLater();
        return r;
    }

    /// A day order of `qty` shares (< 0 sells): market, or limit at `limit` (a decimal text).
    AlpacaLoopback::Reply order(const QString &symbol, qint64 qty, const QString &limit = {})
    {
        QJsonObject o{{QStringLiteral("symbol"), symbol},
                      {QStringLiteral("qty"), QString::number(qty < 0 ? -qty : qty)},
                      {QStringLiteral("side"), qty < 0 ? QStringLiteral("sell") : QStringLiteral("buy")},
                      {QStringLiteral("type"), limit.isEmpty() ? QStringLiteral("market") : QStringLiteral("limit")},
                      {QStringLiteral("time_in_force"), QStringLiteral("day")}};
        if (!limit.isEmpty())
            o[QStringLiteral("limit_price")] = limit;
        return call("POST", QStringLiteral("/v2/orders"), o);
    }

private:
    QNetworkAccessManager m_network;
};

/// The client's [gateway] and [[bots]] tables for one bot `name` (code `code`) trading
/// `symbols` with room for many orders; `port` is the gateway's.
inline QString clientGatewayTables(quint16 port, const QString &name, const QString &code, const QStringList &symbols)
{
    QStringList quoted;
    for (const QString &s : symbols)
        quoted << QLatin1Char('"') + s + QLatin1Char('"');
    return QStringLiteral("[gateway]\n"
                          "enabled = true\n"
                          "port = %1\n"
                          "\n"
                          "[[bots]]\n"
                          "name = \"%2\"\n"
                          "code = \"%3\"\n"
                          "symbols = [%4]\n"
                          "buying_power = \"10000000.00\"\n"
                          "max_position_notional = \"10000000.00\"\n"
                          "max_order_qty = 100000\n"
                          "requests_per_minute = 100000\n"
                          "heartbeat_seconds = 3600\n"
                          "\n")
        .arg(port)
        .arg(name, code, quoted.join(QStringLiteral(", ")));
}

/// The client's [risk] and [reconciliation] tables for a bot's many orders at speed 120:
/// `maxOpenOrders` working at once, no duplicate window, and market data silence measured
/// in hours (the default 120 s is one wall second at 120x: a loaded machine's hiccup, or the
/// client's own set-up, would fire the kill).
inline QString clientRiskTables(int maxOpenOrders, int maxOrdersPerSecond)
{
    return QStringLiteral("[risk]\n"
                          "max_open_orders = %1\n"
                          "max_orders_per_second = %2\n"
                          "duplicate_window_ms = 0\n"
                          "kill_feed_silence_seconds = 3600\n"
                          "\n"
                          "[reconciliation]\n"
                          "every_seconds = 600\n")
        .arg(maxOpenOrders)
        .arg(maxOrdersPerSecond);
}

/// `vigil bot add NAME` on the client's configuration: the pair it printed once, into `bot`;
/// empty, or what went wrong.
inline QString addClientBotKey(const AlpacaClient &client, const QString &name, ClientBot &bot)
{
    const AlpacaClient::Run add = client.vigil({QStringLiteral("bot"), QStringLiteral("add"), name});
    if (add.exitCode != 0)
        return QStringLiteral("vigil bot add %1: exit %2: %3").arg(name).arg(add.exitCode).arg(add.err);
    if (!readPrintedKeyPair(add.out, &bot.keyId, &bot.secret))
        return QStringLiteral("vigil bot add %1 printed no key pair:\n%2").arg(name, add.out);
    return {};
}

/// Waits until the server's session is open (its clock says so); whether it did.
inline bool waitForServerOpen(AlpacaLoopback &alpaca, int timeoutMs)
{
    return waitUntil(
        [&] {
            return alpaca.call("GET", alpaca.serverRestUrl() + QStringLiteral("/v2/clock"))
                .object()
                .value(QLatin1String("is_open"))
                .toBool();
        },
        timeoutMs);
}

/// The server's latest bid of `symbol` (0 when it has none).
inline double serverBid(AlpacaLoopback &alpaca, const QString &symbol)
{
    return alpaca.call("GET", alpaca.serverRestUrl() + QStringLiteral("/v2/stocks/%1/quotes/latest").arg(symbol))
        .object()
        .value(QLatin1String("quote"))
        .toObject()
        .value(QLatin1String("bp"))
        .toDouble();
}

/// Signed positions by symbol: the server's (/v2/positions), without the flat ones.
inline QMap<QString, qint64> serverPositions(AlpacaLoopback &alpaca)
{
    QMap<QString, qint64> out;
    for (const QJsonValue &v : alpaca.positions()) {
        const QJsonObject p = v.toObject();
        const qint64 qty = p.value(u"qty").toString().toLongLong();
        if (qty != 0)
            out[p.value(u"symbol").toString()] = qty;
    }
    return out;
}

/// Signed positions by symbol in the client's books (`vigil ctl status --json`).
inline QMap<QString, qint64> clientPositions(const QJsonObject &status)
{
    QMap<QString, qint64> out;
    for (const QJsonValue &v : status.value(u"positions").toArray()) {
        const QJsonObject p = v.toObject();
        const qint64 qty = p.value(u"quantity").toInteger();
        if (qty != 0)
            out[p.value(u"symbol").toString()] = qty;
    }
    return out;
}

inline QString describe(const QMap<QString, qint64> &positions)
{
    QStringList parts;
    for (auto it = positions.begin(); it != positions.end(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return parts.isEmpty() ? QStringLiteral("flat") : parts.join(QStringLiteral(", "));
}

/// The shares the client's journal has booked for `clientOrderId`, and in how many fills.
struct Booked {
    qint64 qty = 0;
    qint64 fills = 0;
};
inline Booked bookedFills(const QString &journal, const QString &clientOrderId)
{
    const QStringList r = rows(journal, QStringLiteral("SELECT COALESCE(SUM(qty), 0), COUNT(*) FROM fills "
                                                       "WHERE client_order_id = '%1'")
                                            .arg(clientOrderId));
    if (r.isEmpty())
        return {};
    return {r.first().section(QLatin1Char('|'), 0, 0).toLongLong(),
            r.first().section(QLatin1Char('|'), 1, 1).toLongLong()};
}

/// The client order id of the newest order in the client's journal whose id has `code`
/// ("VG-20261120-st-000012") and that was not refused before it left, or empty.
inline QString newestOrderOf(const QString &journal, const QString &code)
{
    const QStringList r =
        rows(journal, QStringLiteral("SELECT client_order_id FROM orders WHERE client_order_id LIKE '%-%1-%' "
                                     "AND status <> 'rejected' ORDER BY created_at DESC LIMIT 1")
                          .arg(code));
    return r.isEmpty() ? QString() : r.first();
}

/// Where the server's orders and the client's journal disagree on the fills of an order
/// (every order of the desk at the server today: shares filled there against shares the
/// journal booked), one line each; empty when they agree for every order.
inline QStringList fillDisagreements(AlpacaLoopback &alpaca, const QString &journal)
{
    QMap<QString, qint64> booked;
    for (const QString &row : rows(journal, QStringLiteral("SELECT client_order_id, SUM(qty) FROM fills GROUP BY "
                                                           "client_order_id")))
        booked[row.section(QLatin1Char('|'), 0, 0)] = row.section(QLatin1Char('|'), 1, 1).toLongLong();
    QStringList out;
    for (const QJsonValue &v : alpaca.orders()) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"client_order_id").toString();
        const qint64 filled = o.value(u"filled_qty").toString().toLongLong();
        if (booked.value(id) != filled)
            out << QStringLiteral("%1: %2 filled at the server, %3 booked").arg(id).arg(filled).arg(booked.value(id));
    }
    return out;
}

/// A close-all as both sides booked it. Alpaca closed each symbol with one netted order of
/// its own (at the server: the orders whose source_ref is no client order id of the
/// client's); the client booked those shares to its books' closing orders (the operator's
/// orders from `since` on that never went out under their own id), crossing opposed books
/// inside the account. Per symbol and price, the shares each side moved net
/// ("SYMBOL|price|signed qty", sorted) must be the same.
struct CloseAllBooks {
    QStringList closingIds; ///< the client's closing orders of the close-all
    QStringList server;
    QStringList client;
    /// SQL: the fill or order is one of closingIds ("client_order_id IN (...)").
    QString inClosing() const
    {
        QStringList quoted;
        for (const QString &id : closingIds)
            quoted << QStringLiteral("'%1'").arg(id);
        return QStringLiteral("client_order_id IN (%1)").arg(quoted.join(QLatin1Char(',')));
    }
};
/// SQL: a server order the close-all made (no client order id of the client's).
inline const QString kServerCloseAllOrders = QStringLiteral("(o.source_ref IS NULL OR o.source_ref NOT LIKE 'VG-%')");

inline CloseAllBooks closeAllBooks(const QString &serverJournal, const QString &clientJournal, qint64 since)
{
    CloseAllBooks books;
    const QStringList atTheServer =
        rows(serverJournal, QStringLiteral("SELECT source_ref FROM orders WHERE source_ref LIKE 'VG-%'"));
    for (const QString &id : rows(clientJournal, QStringLiteral("SELECT client_order_id FROM orders WHERE origin = "
                                                                "'operator' AND created_at >= %1")
                                                     .arg(since)))
        if (!atTheServer.contains(id))
            books.closingIds << id;
    const QString net = QStringLiteral("SUM(CASE f.side WHEN 'buy' THEN f.qty ELSE -f.qty END)");
    const QString select = QStringLiteral("SELECT f.symbol || '|' || f.price || '|' || %1 FROM fills f ").arg(net);
    const QString group = QStringLiteral(" GROUP BY f.symbol, f.price HAVING %1 != 0 ORDER BY 1").arg(net);
    books.server = rows(serverJournal, select
                                           + QStringLiteral("JOIN orders o ON o.client_order_id = f.client_order_id "
                                                            "WHERE ")
                                           + kServerCloseAllOrders + group);
    books.client = rows(clientJournal, select + QStringLiteral("WHERE f.") + books.inClosing() + group);
    return books;
}

} // namespace vigil::testing
