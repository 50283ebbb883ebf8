#pragma once
// Alpaca on 127.0.0.1 for the Alpaca adapter's tests: a second, headless vigil on the
// simulator and paper broker with its gateway on and one bot ("desk") whose key pair the
// adapter trades with, and in front of it tests/alpaca-loopback/proxy.mjs, which passes every
// request and both streams on and misbehaves on demand (fault()). The adapter is pointed at
// the proxy; the truth (the desk's positions, orders and account) is read from the gateway
// directly, past the proxy and its faults. The built-in strategies are off, so the desk's
// book is the account's whole story and the journals can be compared at the end.
//
// A missing Node.js or proxy dependency fails the test (GatewayRig::nodeProblem), it never
// skips. Threads: the test's thread only (the HTTP calls run a local event loop).

#include "GatewayRig.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <utility>

namespace vigil::testing {

/// How the server vigil runs (AlpacaLoopback::start).
struct AlpacaLoopbackOptions {
    QString speed = QStringLiteral("60");
    QString date = QStringLiteral("2026-11-20");
    /// The desk's REST budget at the server. High: the test's own reads of the truth go to
    /// the server with the desk's key too, and must not eat the adapter's budget (a 429 for
    /// the adapter is the proxy's `http` fault).
    int deskRequestsPerMinute = 100'000;
    /// The server's [risk] table. Alpaca has no duplicate-order window, no open-order cap
    /// and no order rate of its own beyond the request budget: the server's checks are
    /// opened up so that only the adapter's own checks and the proxy's faults refuse.
    QString risk = QStringLiteral("duplicate_window_ms = 0\n"
                                  "max_open_orders = 5000\n"
                                  "max_orders_per_second = 10000\n"
                                  "throttle_fills = 1000000\n");
    /// More keys of the desk's [[bots]] table (limits: buying_power, max_order_qty, ...).
    QString deskLines;
    /// More tables after it ([broker], ...); not [strategies] nor [risk], which the rig sets.
    QString moreTables;
};

class AlpacaLoopback {
public:
    using Options = AlpacaLoopbackOptions;

    /// One HTTP exchange; `error` is Qt's (a timeout, a closed connection) or empty.
    struct Reply {
        int status = 0; ///< 0: no answer
        QByteArray body;
        QList<QNetworkReply::RawHeaderPair> headers;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorText;

        QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
        QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[key, value] : headers)
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            return {};
        }
    };

    GatewayRig server;
    QProcess proxy;
    quint16 proxyPort = 0;

    // ---- where the adapter goes: the proxy ---------------------------------------------
    QString restUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(proxyPort); }
    QString streamUrl() const { return QStringLiteral("ws://127.0.0.1:%1/stream").arg(proxyPort); }
    QString dataStreamUrl(const QString &feed = QStringLiteral("iex")) const
    {
        return QStringLiteral("ws://127.0.0.1:%1/v2/%2").arg(proxyPort).arg(feed);
    }
    /// The market data REST API (latest quotes): served by the same gateway, so the proxy too.
    QString dataRestUrl() const { return restUrl(); }
    QString keyId() const { return server.keyId; }
    QString secret() const { return server.secret; }

    // ---- the server itself, past the proxy ----------------------------------------------
    QString serverRestUrl() const { return server.baseUrl(); }
    QString serverStreamUrl() const { return QStringLiteral("ws://127.0.0.1:%1/stream").arg(server.port); }
    QString serverDataStreamUrl(const QString &feed = QStringLiteral("iex")) const
    {
        return QStringLiteral("ws://127.0.0.1:%1/v2/%2").arg(server.port).arg(feed);
    }

    /// Prepares and starts the server vigil, then the proxy in front of it; empty, or what
    /// went wrong.
    QString start(const Options &options = {})
    {
        const QString missing = server.nodeProblem(QStringLiteral("tests/alpaca-loopback"), QStringLiteral("ws"));
        if (!missing.isEmpty())
            return missing;
        if (QString e = startServer(options); !e.isEmpty())
            return e;
        return startProxy();
    }

    /// Prepares and starts the server vigil alone, without the proxy (what talks to it goes
    /// to the server's own URLs); empty, or what went wrong.
    QString startServer(const Options &options = {})
    {
        const QString more = QStringLiteral("requests_per_minute = %1\n"
                                            "%2\n"
                                            "[strategies.intraday]\n"
                                            "enabled = false\n"
                                            "\n"
                                            "[strategies.swing]\n"
                                            "enabled = false\n"
                                            "\n"
                                            "[risk]\n"
                                            "%3\n"
                                            "%4")
                                 .arg(options.deskRequestsPerMinute)
                                 .arg(options.deskLines, options.risk, options.moreTables);
        if (QString e = server.prepare(QStringLiteral("desk"), QStringLiteral("dk"), {}, more); !e.isEmpty())
            return e;
        return server.start(options.speed, options.date);
    }

    /// Starts the proxy in front of the running server; empty, or what went wrong.
    QString startProxy()
    {
        proxy.setProgram(QStringLiteral("node"));
        proxy.setArguments({server.sourceDir() + QStringLiteral("/tests/alpaca-loopback/proxy.mjs"),
                            QStringLiteral("--upstream"), server.baseUrl()});
        proxy.setWorkingDirectory(server.sourceDir() + QStringLiteral("/tests/alpaca-loopback"));
        proxy.setStandardErrorFile(server.home.filePath(QStringLiteral("proxy.err")));
        proxy.start();
        if (!proxy.waitForStarted())
            return QStringLiteral("node proxy.mjs did not start: %1").arg(proxy.errorString());
        // Its first line: "listening PORT".
        QByteArray out;
        QElapsedTimer waited;
        waited.start();
        while (!out.contains('\n') && waited.elapsed() < 20'000) {
            if (proxy.state() == QProcess::NotRunning)
                return QStringLiteral("proxy.mjs exited (%1):\n%2")
                    .arg(proxy.exitCode())
                    .arg(server.tail(QStringLiteral("proxy.err")));
            proxy.waitForReadyRead(100);
            out += proxy.readAllStandardOutput();
        }
        const QList<QByteArray> words = out.trimmed().split(' ');
        bool ok = false;
        if (words.size() == 2 && words[0] == "listening")
            proxyPort = static_cast<quint16>(words[1].toUInt(&ok));
        if (!ok || proxyPort == 0)
            return QStringLiteral("proxy.mjs printed no \"listening PORT\" line within 20 s: %1\n%2")
                .arg(QString::fromUtf8(out), server.tail(QStringLiteral("proxy.err")));
        return {};
    }

    // ---- faults and counters ------------------------------------------------------------
    /// Arms one fault (an object) or several (an array): the proxy's answer ({"armed":[...]}),
    /// or {"error": why} when it refused them.
    QJsonObject fault(const QJsonValue &faults)
    {
        const QByteArray body = faults.isArray() ? QJsonDocument(faults.toArray()).toJson(QJsonDocument::Compact)
                                                 : QJsonDocument(faults.toObject()).toJson(QJsonDocument::Compact);
        const Reply r = call("POST", restUrl() + QStringLiteral("/__faults"), body, false);
        if (r.status != 200)
            return {{QStringLiteral("error"),
                     QStringLiteral("POST /__faults: %1 %2").arg(r.status).arg(QString::fromUtf8(r.body))}};
        return r.object();
    }
    /// Disarms every fault.
    bool clearFaults() { return call("DELETE", restUrl() + QStringLiteral("/__faults"), {}, false).status == 200; }
    QJsonObject counters() { return call("GET", restUrl() + QStringLiteral("/__counters"), {}, false).object(); }

    // ---- the truth at the server ---------------------------------------------------------
    QJsonArray positions() { return call("GET", serverRestUrl() + QStringLiteral("/v2/positions")).array(); }
    /// Every order of the desk today, newest first.
    QJsonArray orders()
    {
        return call("GET", serverRestUrl() + QStringLiteral("/v2/orders?status=all&limit=500")).array();
    }
    QJsonArray openOrders()
    {
        return call("GET", serverRestUrl() + QStringLiteral("/v2/orders?status=open&limit=500")).array();
    }
    QJsonObject account() { return call("GET", serverRestUrl() + QStringLiteral("/v2/account")).object(); }
    /// The desk's order by its client order id at the server (status 404 when there is none).
    Reply orderByClientId(const QString &clientOrderId)
    {
        return call("GET", serverRestUrl() + QStringLiteral("/v2/orders:by_client_order_id?client_order_id=")
                               + QString::fromUtf8(QUrl::toPercentEncoding(clientOrderId)));
    }
    /// A market order of the desk's placed at the server behind the adapter's back (not
    /// through the proxy): a position that changes while Vigil is not looking. `qty` < 0
    /// sells. The server's answer (the order, or its error).
    Reply placeOutsideOrder(const QString &symbol, qint64 qty)
    {
        const QJsonObject order{
            {QStringLiteral("symbol"), symbol},
            {QStringLiteral("qty"), QString::number(qty < 0 ? -qty : qty)},
            {QStringLiteral("side"), qty < 0 ? QStringLiteral("sell") : QStringLiteral("buy")},
            {QStringLiteral("type"), QStringLiteral("market")},
            {QStringLiteral("time_in_force"), QStringLiteral("day")},
            {QStringLiteral("client_order_id"), QStringLiteral("outside-%1").arg(++m_outsideOrders)}};
        return call("POST", serverRestUrl() + QStringLiteral("/v2/orders"),
                    QJsonDocument(order).toJson(QJsonDocument::Compact));
    }

    /// One HTTP request with the desk's key (unless `withKey` is false), to its answer or
    /// `timeoutMs`.
    Reply call(const QByteArray &method, const QString &url, const QByteArray &body = {}, bool withKey = true,
               int timeoutMs = 10'000)
    {
        QNetworkRequest request{QUrl(url)};
        request.setTransferTimeout(timeoutMs);
        if (withKey) {
            request.setRawHeader("APCA-API-KEY-ID", server.keyId.toUtf8());
            request.setRawHeader("APCA-API-SECRET-KEY", server.secret.toUtf8());
        }
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen()) // not after a timeout's abort
            r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        r.error = reply->error();
        r.errorText = reply->errorString();
        reply->deleteLater();
        return r;
    }

    /// Stops the proxy, then the server on SIGTERM; empty when the server exited 0.
    QString stop()
    {
        stopProxy();
        return server.stop();
    }
    void stopProxy()
    {
        if (proxy.state() == QProcess::NotRunning)
            return;
        proxy.terminate();
        if (!proxy.waitForFinished(10'000)) {
            proxy.kill();
            proxy.waitForFinished();
        }
    }

    ~AlpacaLoopback()
    {
        if (proxy.state() != QProcess::NotRunning) {
            proxy.kill();
            proxy.waitForFinished();
        }
    }

private:
    QNetworkAccessManager m_network;
    int m_outsideOrders = 0;
};

} // namespace vigil::testing
