// Alpaca on 127.0.0.1 (AlpacaLoopback.h): a server vigil with the desk bot and the fault
// proxy in front of it, driven by Qt's own HTTP and WebSocket clients as the adapter will be.
// The proxy passes REST and both streams on unchanged (MessagePack frames byte for byte),
// counts what passed, and each fault does what it says: 5xx and 429 answered in the proxy,
// an order that reaches the server while its client times out or loses the connection,
// streams dropped, down and stalled, trade updates repeated and reordered, and a 207 whose
// failed items really are still open at the server. One server for the whole test, so it
// stays short; every wait has a bound.
#include "AlpacaLoopback.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTest>
#include <QWebSocket>

#include <cmath>

using vigil::testing::AlpacaLoopback;

namespace {

/// One WebSocket client and every frame it received, in order.
class Socket {
public:
    struct Frame {
        QByteArray bytes;
        bool binary = false;
    };
    QWebSocket ws;
    QList<Frame> frames;
    bool failed = false;
    int pongs = 0;

    Socket()
    {
        QObject::connect(&ws, &QWebSocket::binaryMessageReceived, [this](const QByteArray &b) {
            frames.append({b, true});
        });
        QObject::connect(&ws, &QWebSocket::textMessageReceived, [this](const QString &t) {
            frames.append({t.toUtf8(), false});
        });
        // Qt 6.4's QWebSocket names it error(), not errorOccurred().
        QObject::connect(&ws, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error),
                         [this](QAbstractSocket::SocketError) { failed = true; });
        QObject::connect(&ws, &QWebSocket::pong, [this](quint64, const QByteArray &) { ++pongs; });
    }

    /// Opens `url` (with `Content-Type: application/msgpack` when `msgpack`); whether it is open.
    bool open(const QString &url, bool msgpack = false)
    {
        QNetworkRequest request{QUrl(url)};
        if (msgpack)
            request.setRawHeader("Content-Type", "application/msgpack");
        failed = false;
        ws.open(request);
        (void)QTest::qWaitFor([this] { return ws.state() == QAbstractSocket::ConnectedState || failed; }, 10'000);
        return ws.state() == QAbstractSocket::ConnectedState;
    }
    void send(const QJsonObject &message)
    {
        ws.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    bool closed() const { return ws.state() == QAbstractSocket::UnconnectedState; }
    /// Waits until a frame containing `text` arrived after the first `from`.
    bool waitForText(const QByteArray &text, qsizetype from = 0, int timeoutMs = 10'000)
    {
        return QTest::qWaitFor(
            [&] {
                for (qsizetype i = from; i < frames.size(); ++i)
                    if (frames[i].bytes.contains(text))
                        return true;
                return false;
            },
            timeoutMs);
    }

    /// The trading stream: authenticates and listens to trade_updates.
    bool listen(const QString &keyId, const QString &secret)
    {
        send({{QStringLiteral("action"), QStringLiteral("authenticate")},
              {QStringLiteral("data"),
               QJsonObject{{QStringLiteral("key_id"), keyId}, {QStringLiteral("secret_key"), secret}}}});
        if (!waitForText("\"authorized\""))
            return false;
        send({{QStringLiteral("action"), QStringLiteral("listen")},
              {QStringLiteral("data"),
               QJsonObject{{QStringLiteral("streams"), QJsonArray{QStringLiteral("trade_updates")}}}}});
        return waitForText("\"listening\"");
    }

    /// The trade_updates frames (raw) of the order `orderId`, in arrival order.
    QList<QByteArray> updatesOf(const QString &orderId) const
    {
        QList<QByteArray> out;
        for (const Frame &f : frames) {
            const QJsonObject m = QJsonDocument::fromJson(f.bytes).object();
            if (m.value(u"stream").toString() == QLatin1String("trade_updates")
                && m.value(u"data").toObject().value(u"order").toObject().value(u"id").toString() == orderId)
                out.append(f.bytes);
        }
        return out;
    }
    /// The last frames, for a failure's message.
    QByteArray tail() const
    {
        QByteArray out;
        for (qsizetype i = std::max<qsizetype>(0, frames.size() - 6); i < frames.size(); ++i)
            out += frames[i].bytes.left(300) + '\n';
        return out;
    }
    /// The event of the last trade update of `orderId` so far ("fill"), or empty.
    QString lastEventOf(const QString &orderId) const
    {
        const QList<QByteArray> updates = updatesOf(orderId);
        return updates.isEmpty() ? QString()
                                 : QJsonDocument::fromJson(updates.last())
                                       .object()
                                       .value(u"data")
                                       .toObject()
                                       .value(u"event")
                                       .toString();
    }
};

QJsonObject fault(const char *kind, std::initializer_list<std::pair<QString, QJsonValue>> fields)
{
    QJsonObject f{{QStringLiteral("fault"), QLatin1String(kind)}};
    for (const auto &[key, value] : fields)
        f[key] = value;
    return f;
}

QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

} // namespace

class TestAlpacaLoopback : public QObject {
    Q_OBJECT

    AlpacaLoopback m_rig;
    int m_orders = 0;

    QString rest(const QString &path) const { return m_rig.restUrl() + path; }

    /// A new client order id for this test.
    QString nextClientId() { return QStringLiteral("lb-%1").arg(++m_orders); }

    QByteArray marketOrder(const QString &clientId, const QString &symbol = QStringLiteral("AAPL"), int qty = 1,
                           const QString &side = QStringLiteral("buy"))
    {
        return json({{QStringLiteral("symbol"), symbol},
                     {QStringLiteral("qty"), QString::number(qty)},
                     {QStringLiteral("side"), side},
                     {QStringLiteral("type"), QStringLiteral("market")},
                     {QStringLiteral("time_in_force"), QStringLiteral("day")},
                     {QStringLiteral("client_order_id"), clientId}});
    }

    /// A buy limit order 3 % under the market: inside the price collar, never filled here.
    QByteArray farLimitOrder(const QString &clientId, const QString &symbol)
    {
        const AlpacaLoopback::Reply quote =
            m_rig.call("GET", m_rig.serverRestUrl() + QStringLiteral("/v2/stocks/%1/quotes/latest").arg(symbol));
        const double bid = quote.object().value(u"quote").toObject().value(u"bp").toDouble();
        return json({{QStringLiteral("symbol"), symbol},
                     {QStringLiteral("qty"), QStringLiteral("1")},
                     {QStringLiteral("side"), QStringLiteral("buy")},
                     {QStringLiteral("type"), QStringLiteral("limit")},
                     {QStringLiteral("limit_price"), QString::number(std::floor(bid * 97.0) / 100.0, 'f', 2)},
                     {QStringLiteral("time_in_force"), QStringLiteral("day")},
                     {QStringLiteral("client_order_id"), clientId}});
    }

    /// Whether the server says the order `clientId` is `status`, within `timeoutMs`.
    bool serverSays(const QString &clientId, const QString &status, int timeoutMs = 15'000)
    {
        return QTest::qWaitFor(
            [&] { return m_rig.orderByClientId(clientId).object().value(u"status").toString() == status; }, timeoutMs);
    }

    /// Places a market order through the proxy and waits for its fill at the server; its id.
    QString filledOrder(const QString &clientId)
    {
        const AlpacaLoopback::Reply placed =
            m_rig.call("POST", rest(QStringLiteral("/v2/orders")), marketOrder(clientId));
        if (placed.status != 200) {
            qWarning().noquote() << "POST /v2/orders" << clientId << "answered" << placed.status << placed.body;
            return {};
        }
        if (!serverSays(clientId, QStringLiteral("filled"))) {
            qWarning().noquote() << "order" << clientId
                                 << "not filled at the server:" << m_rig.orderByClientId(clientId).body;
            return {};
        }
        return placed.object().value(u"id").toString();
    }

    /// An open trading stream through the proxy and one straight to the server, both listening.
    bool twoTradeStreams(Socket &proxied, Socket &direct)
    {
        return proxied.open(m_rig.streamUrl()) && proxied.listen(m_rig.keyId(), m_rig.secret())
               && direct.open(m_rig.serverStreamUrl()) && direct.listen(m_rig.keyId(), m_rig.secret());
    }

private Q_SLOTS:
    void initTestCase()
    {
        AlpacaLoopback::Options options;
        options.speed = QStringLiteral("60");
        const QString started = m_rig.start(options);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        // The simulated market opens soon after the start; the faults need fills.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return m_rig.call("GET", m_rig.serverRestUrl() + QStringLiteral("/v2/clock"))
                             .object()
                             .value(u"is_open")
                             .toBool();
                     },
                     60'000),
                 "the server's market did not open within 60 s");
    }

    void forwardsRestBothWaysAndCountsIt()
    {
        const AlpacaLoopback::Reply proxied = m_rig.call("GET", rest(QStringLiteral("/v2/account")));
        QCOMPARE(proxied.status, 200);
        const QJsonObject direct = m_rig.account();
        QCOMPARE(proxied.object().value(u"id"), direct.value(u"id"));
        QCOMPARE(proxied.object().value(u"account_number"), direct.value(u"account_number"));
        QVERIFY(!proxied.header("X-Ratelimit-Limit").isEmpty()); // the server's headers come back

        // The server's refusals pass unchanged: a wrong key is its 401.
        const AlpacaLoopback::Reply anonymous = m_rig.call("GET", rest(QStringLiteral("/v2/account")), {}, false);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.object().value(u"code").toInt(), 40110000);

        const QString clientId = nextClientId();
        QVERIFY(!filledOrder(clientId).isEmpty());
        const QJsonObject counters = m_rig.counters();
        QCOMPARE(counters[u"requests"][u"GET /v2/account"].toInt(), 2);
        QCOMPARE(counters[u"requests"][u"POST /v2/orders"].toInt(), 1);
        QCOMPARE(counters[u"ordersByClientOrderId"][clientId].toInt(), 1);
    }

    void forwardsTheTradeStream()
    {
        Socket proxied;
        Socket direct;
        QVERIFY(twoTradeStreams(proxied, direct));
        const QString id = filledOrder(nextClientId());
        QVERIFY(!id.isEmpty());
        QVERIFY2(QTest::qWaitFor([&] { return direct.lastEventOf(id) == QLatin1String("fill"); }, 10'000),
                 direct.tail().constData());
        QVERIFY(QTest::qWaitFor([&] { return proxied.updatesOf(id).size() == direct.updatesOf(id).size(); }, 10'000));
        QCOMPARE(proxied.updatesOf(id), direct.updatesOf(id)); // the same bytes, in the same order
        QVERIFY(proxied.frames.last().binary);                 // and binary frames, as the server sent them
    }

    void forwardsMessagePackFramesByteForByte()
    {
        Socket proxied;
        Socket direct;
        QVERIFY(proxied.open(m_rig.dataStreamUrl(), true));
        QVERIFY(direct.open(m_rig.serverDataStreamUrl(), true));
        for (Socket *s : {&proxied, &direct}) {
            s->send({{QStringLiteral("action"), QStringLiteral("auth")},
                     {QStringLiteral("key"), m_rig.keyId()},
                     {QStringLiteral("secret"), m_rig.secret()}});
            QVERIFY(s->waitForText("authenticated"));
        }
        for (Socket *s : {&proxied, &direct}) {
            s->send({{QStringLiteral("action"), QStringLiteral("subscribe")},
                     {QStringLiteral("quotes"), QJsonArray{QStringLiteral("AAPL"), QStringLiteral("MSFT")}}});
        }
        // Once both are subscribed every batch of ticks is one frame for each, the same bytes.
        const qsizetype start = proxied.frames.size();
        QVERIFY(QTest::qWaitFor([&] { return proxied.frames.size() >= start + 40; }, 20'000));
        QSet<QByteArray> sent;
        for (const Socket::Frame &f : direct.frames)
            sent.insert(f.bytes);
        int same = 0;
        for (qsizetype i = start + 5; i < proxied.frames.size() - 1; ++i) {
            QVERIFY(proxied.frames[i].binary);
            if (sent.contains(proxied.frames[i].bytes))
                ++same;
        }
        // The last few may not have reached the direct client yet when the loop looked.
        const qsizetype compared = proxied.frames.size() - 1 - (start + 5);
        QVERIFY2(same >= compared - 3,
                 qPrintable(QStringLiteral("%1 of %2 frames byte-identical").arg(same).arg(compared)));
        QVERIFY(m_rig.counters()[u"streams"][u"data"][u"opened"].toInt() >= 1);
    }

    void answersHttpErrorsWithoutTheServer()
    {
        const QJsonObject armed = m_rig.fault(fault("http", {{QStringLiteral("method"), QStringLiteral("GET")},
                                                             {QStringLiteral("path"), QStringLiteral("^/v2/account$")},
                                                             {QStringLiteral("status"), 503},
                                                             {QStringLiteral("count"), 2}}));
        QVERIFY2(armed.contains(u"armed"), json(armed).constData());
        QCOMPARE(armed[u"armed"][0][u"status"].toInt(), 503);
        QCOMPARE(m_rig.call("GET", rest(QStringLiteral("/v2/account"))).status, 503);
        QCOMPARE(m_rig.call("GET", rest(QStringLiteral("/v2/account"))).status, 503);
        QCOMPARE(m_rig.call("GET", rest(QStringLiteral("/v2/account"))).status, 200);

        // 429 with Alpaca's rate-limit headers, the reset in epoch seconds.
        m_rig.fault(fault("http", {{QStringLiteral("method"), QStringLiteral("POST")},
                                   {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                                   {QStringLiteral("status"), 429},
                                   {QStringLiteral("resetInSeconds"), 3}}));
        const QString clientId = nextClientId();
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const AlpacaLoopback::Reply limited =
            m_rig.call("POST", rest(QStringLiteral("/v2/orders")), marketOrder(clientId));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.object().value(u"code").toInt(), 42910000);
        QCOMPARE(limited.header("X-Ratelimit-Limit"), QByteArray("200"));
        QCOMPARE(limited.header("X-Ratelimit-Remaining"), QByteArray("0"));
        const qint64 reset = limited.header("X-Ratelimit-Reset").toLongLong();
        QVERIFY2(reset >= before + 2 && reset <= QDateTime::currentSecsSinceEpoch() + 3,
                 limited.header("X-Ratelimit-Reset"));
        QCOMPARE(m_rig.orderByClientId(clientId).status, 404); // it never reached the server
        QCOMPARE(m_rig.counters()[u"faults"][u"httpAnswered"].toInt(), 3);

        // A fault that makes no sense is refused, naming what is wrong, and arms nothing.
        const QJsonObject bad = m_rig.fault(
            QJsonArray{fault("repeat", {}), fault("http", {{QStringLiteral("method"), QStringLiteral("GET")},
                                                           {QStringLiteral("path"), QStringLiteral("^/v2/clock$")}})});
        QVERIFY2(bad.value(u"error").toString().contains(QLatin1String("status")), json(bad).constData());
        const QJsonObject left = m_rig.call("GET", rest(QStringLiteral("/__faults")), {}, false).object();
        QCOMPARE(left[u"armed"].toArray().size(), 0);
    }

    void patchesFieldsOfTheServersAnswer()
    {
        const QJsonObject armed =
            m_rig.fault(fault("patch", {{QStringLiteral("method"), QStringLiteral("GET")},
                                        {QStringLiteral("path"), QStringLiteral("^/v2/assets/AAPL$")},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("shortable"), false}}}}));
        QVERIFY2(armed.contains(u"armed"), json(armed).constData());
        const QJsonObject patched = m_rig.call("GET", rest(QStringLiteral("/v2/assets/AAPL"))).object();
        QCOMPARE(patched.value(u"shortable").toBool(true), false);
        QCOMPARE(patched.value(u"symbol").toString(), QStringLiteral("AAPL")); // the rest is the server's
        QCOMPARE(m_rig.call("GET", rest(QStringLiteral("/v2/assets/AAPL"))).object().value(u"shortable").toBool(),
                 true); // once: the count was 1
        QCOMPARE(m_rig.counters()[u"faults"][u"patched"].toInt(), 1);
        const QJsonObject bad = m_rig.fault(fault("patch", {{QStringLiteral("method"), QStringLiteral("GET")},
                                                            {QStringLiteral("path"), QStringLiteral("^/v2/clock$")}}));
        QVERIFY2(bad.value(u"error").toString().contains(QLatin1String("set")), json(bad).constData());
    }

    void swallowsAnOrderTheServerTook()
    {
        m_rig.fault(fault("swallow", {{QStringLiteral("method"), QStringLiteral("POST")},
                                      {QStringLiteral("path"), QStringLiteral("^/v2/orders$")}}));
        const QString clientId = nextClientId();
        const AlpacaLoopback::Reply timedOut =
            m_rig.call("POST", rest(QStringLiteral("/v2/orders")), marketOrder(clientId), true, 2'000);
        QCOMPARE(timedOut.status, 0);
        QCOMPARE(timedOut.error, QNetworkReply::OperationCanceledError); // the transfer timeout
        QVERIFY(serverSays(clientId, QStringLiteral("filled")));         // yet the order is at the server

        m_rig.fault(fault("swallow", {{QStringLiteral("method"), QStringLiteral("POST")},
                                      {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                                      {QStringLiteral("close"), true}}));
        const QString closedId = nextClientId();
        const AlpacaLoopback::Reply cut =
            m_rig.call("POST", rest(QStringLiteral("/v2/orders")), marketOrder(closedId), true, 5'000);
        QVERIFY(serverSays(closedId, QStringLiteral("filled")));
        const QJsonObject counters = m_rig.counters();
        QCOMPARE(counters[u"faults"][u"swallowed"].toInt(), 2);
        // Qt sends a request again, once, when a kept-alive connection closes before any
        // answer, a POST too: then the same order reached the proxy twice and the server
        // refused the second with its 422 for a reused client_order_id. Otherwise the client
        // saw the connection close. Either way the server has it once.
        qInfo() << "swallowed, then closed: the client saw"
                << (cut.status == 422 ? "Qt's resend refused 422" : "the close");
        if (cut.status == 422) {
            QCOMPARE(counters[u"ordersByClientOrderId"][closedId].toInt(), 2);
        } else {
            QCOMPARE(cut.status, 0);
            QCOMPARE(cut.error, QNetworkReply::RemoteHostClosedError);
            QCOMPARE(counters[u"ordersByClientOrderId"][closedId].toInt(), 1);
        }
        int atServer = 0;
        for (const QJsonValue &o : m_rig.orders())
            atServer += o[u"client_order_id"].toString() == closedId ? 1 : 0;
        QCOMPARE(atServer, 1);
    }

    void swallowsAnOrderAndWhatItsStreamSaysOfIt()
    {
        Socket proxied;
        Socket direct;
        QVERIFY(twoTradeStreams(proxied, direct));
        m_rig.fault(fault("swallow", {{QStringLiteral("method"), QStringLiteral("POST")},
                                      {QStringLiteral("path"), QStringLiteral("^/v2/orders$")},
                                      {QStringLiteral("cut"), QStringLiteral("trade")},
                                      {QStringLiteral("downMs"), 6'000}}));
        const QString clientId = nextClientId();
        const AlpacaLoopback::Reply timedOut =
            m_rig.call("POST", rest(QStringLiteral("/v2/orders")), marketOrder(clientId), true, 2'000);
        QCOMPARE(timedOut.status, 0);
        QVERIFY(serverSays(clientId, QStringLiteral("filled")));
        // The proxied stream was cut before the order went on, and stays refused a while:
        // it never heard of the order, which the server's own stream did.
        QVERIFY(QTest::qWaitFor([&] { return proxied.closed(); }, 5'000));
        const QString id = m_rig.orderByClientId(clientId).object().value(u"id").toString();
        QVERIFY(QTest::qWaitFor([&] { return direct.lastEventOf(id) == QLatin1String("fill"); }, 10'000));
        QVERIFY(proxied.updatesOf(id).isEmpty());
        Socket again;
        QVERIFY(!again.open(m_rig.streamUrl()));
        QVERIFY(QTest::qWaitFor([&] { return again.open(m_rig.streamUrl()); }, 10'000));
    }

    void dropsAndDownsAStream()
    {
        const int droppedBefore = m_rig.counters()[u"streams"][u"trade"][u"dropped"].toInt();
        Socket trade;
        QVERIFY(trade.open(m_rig.streamUrl()) && trade.listen(m_rig.keyId(), m_rig.secret()));
        const QJsonObject dropped = m_rig.fault(fault("drop", {{QStringLiteral("stream"), QStringLiteral("trade")}}));
        QCOMPARE(dropped[u"armed"][0][u"connections"].toInt(), 1);
        QVERIFY(QTest::qWaitFor([&] { return trade.closed(); }, 5'000));
        QVERIFY(trade.open(m_rig.streamUrl())); // and back at once

        m_rig.fault(fault("down", {{QStringLiteral("stream"), QStringLiteral("data")}, {QStringLiteral("ms"), 1'500}}));
        Socket data;
        QVERIFY(!data.open(m_rig.dataStreamUrl()));
        QVERIFY(QTest::qWaitFor([&] { return data.open(m_rig.dataStreamUrl()); }, 10'000));
        QVERIFY(data.waitForText("connected"));
        const QJsonObject counters = m_rig.counters();
        QCOMPARE(counters[u"streams"][u"trade"][u"dropped"].toInt(), droppedBefore + 1);
        QVERIFY(counters[u"streams"][u"data"][u"refused"].toInt() >= 1);
    }

    void stallsAStreamThenResumesOrCloses()
    {
        Socket trade;
        QVERIFY(trade.open(m_rig.streamUrl()) && trade.listen(m_rig.keyId(), m_rig.secret()));
        // Long enough for an order's whole life at the server under a loaded machine.
        constexpr int kStallMs = 4'000;
        QElapsedTimer stalled;
        stalled.start();
        m_rig.fault(fault("stall", {{QStringLiteral("stream"), QStringLiteral("trade")},
                                    {QStringLiteral("ms"), kStallMs},
                                    {QStringLiteral("then"), QStringLiteral("resume")}}));
        const int droppedBefore = m_rig.counters()[u"messages"][u"dropped"].toInt();
        const QString during = filledOrder(nextClientId()); // filled at the server during the stall
        QVERIFY(!during.isEmpty());
        trade.ws.ping();
        QTest::qWait(300);
        QVERIFY2(stalled.elapsed() < kStallMs, "the order took the whole stall: the checks below would mean nothing");
        QVERIFY(trade.updatesOf(during).isEmpty());
        QCOMPARE(trade.pongs, 0);
        QVERIFY(!trade.closed());
        QVERIFY(m_rig.counters()[u"messages"][u"dropped"].toInt() > droppedBefore);
        QTest::qWait(static_cast<int>(kStallMs - stalled.elapsed()) + 100);
        const QString after = filledOrder(nextClientId());
        QVERIFY(QTest::qWaitFor([&] { return trade.lastEventOf(after) == QLatin1String("fill"); }, 10'000));
        trade.ws.ping();
        QVERIFY(QTest::qWaitFor([&] { return trade.pongs == 1; }, 5'000));

        m_rig.fault(fault("stall", {{QStringLiteral("stream"), QStringLiteral("trade")},
                                    {QStringLiteral("ms"), 1'000},
                                    {QStringLiteral("then"), QStringLiteral("close")}}));
        QVERIFY(QTest::qWaitFor([&] { return trade.closed(); }, 5'000));
    }

    void repeatsAndReordersTradeUpdates()
    {
        Socket proxied;
        Socket direct;
        QVERIFY(twoTradeStreams(proxied, direct));
        m_rig.fault(fault("repeat", {{QStringLiteral("count"), 1}}));
        const QString repeated = filledOrder(nextClientId());
        QVERIFY(QTest::qWaitFor([&] { return direct.lastEventOf(repeated) == QLatin1String("fill"); }, 10'000));
        const QList<QByteArray> sent = direct.updatesOf(repeated);
        QVERIFY(sent.size() >= 2);
        QVERIFY(QTest::qWaitFor([&] { return proxied.updatesOf(repeated).size() == sent.size() + 1; }, 10'000));
        QList<QByteArray> twice = sent;
        twice.prepend(sent.first()); // the first, twice
        QCOMPARE(proxied.updatesOf(repeated), twice);

        m_rig.fault(fault("reorder", {{QStringLiteral("count"), 1}}));
        const QString reordered = filledOrder(nextClientId());
        QVERIFY(!reordered.isEmpty());
        QVERIFY2(QTest::qWaitFor([&] { return direct.lastEventOf(reordered) == QLatin1String("fill"); }, 10'000),
                 qPrintable(reordered + QLatin1Char('\n') + QString::fromUtf8(direct.tail())));
        const QList<QByteArray> order = direct.updatesOf(reordered);
        QVERIFY(QTest::qWaitFor([&] { return proxied.updatesOf(reordered).size() == order.size(); }, 10'000));
        QList<QByteArray> swapped = order;
        swapped.swapItemsAt(0, 1); // the second before the first
        QCOMPARE(proxied.updatesOf(reordered), swapped);
        const QJsonObject counters = m_rig.counters();
        QCOMPARE(counters[u"messages"][u"repeated"].toInt(), 1);
        QCOMPARE(counters[u"messages"][u"reordered"].toInt(), 1);
    }

    void failsItemsOfABulkCancelForReal()
    {
        QStringList placed;
        for (int i = 0; i < 5; ++i) {
            const QString clientId = nextClientId();
            const AlpacaLoopback::Reply r =
                m_rig.call("POST", rest(QStringLiteral("/v2/orders")),
                           farLimitOrder(clientId, i % 2 ? QStringLiteral("MSFT") : QStringLiteral("AAPL")));
            QVERIFY2(r.status == 200, r.body.constData());
            QVERIFY(serverSays(clientId, QStringLiteral("new")));
            placed << r.object().value(u"id").toString();
        }
        QCOMPARE(m_rig.openOrders().size(), 5);
        m_rig.fault(
            fault("fail207", {{QStringLiteral("bulk"), QStringLiteral("orders")}, {QStringLiteral("keep"), 2}}));
        const AlpacaLoopback::Reply bulk = m_rig.call("DELETE", rest(QStringLiteral("/v2/orders")));
        QCOMPARE(bulk.status, 207);
        const QJsonArray items = bulk.array();
        QCOMPARE(items.size(), 5);
        QSet<QString> failed;
        for (const QJsonValue &item : items) {
            QVERIFY(placed.contains(item[u"id"].toString()));
            if (item[u"status"].toInt() == 500)
                failed.insert(item[u"id"].toString());
            else
                QCOMPARE(item[u"status"].toInt(), 200);
        }
        QCOMPARE(failed.size(), 2);
        // At the server the two failed items are still open, the others cancelled.
        QVERIFY(QTest::qWaitFor([&] { return m_rig.openOrders().size() == 2; }, 10'000));
        QSet<QString> open;
        for (const QJsonValue &o : m_rig.openOrders())
            open.insert(o[u"id"].toString());
        QCOMPARE(open, failed);

        // The next bulk is the server's own again: the rest go.
        const AlpacaLoopback::Reply rest2 = m_rig.call("DELETE", rest(QStringLiteral("/v2/orders")));
        QCOMPARE(rest2.status, 207);
        QCOMPARE(rest2.array().size(), 2);
        QVERIFY(QTest::qWaitFor([&] { return m_rig.openOrders().isEmpty(); }, 10'000));
        QCOMPARE(m_rig.counters()[u"faults"][u"fail207"].toInt(), 1);
    }

    void placesAnOrderBehindTheAdaptersBack()
    {
        const qint64 before = [&] {
            for (const QJsonValue &p : m_rig.positions())
                if (p[u"symbol"].toString() == QLatin1String("MSFT"))
                    return p[u"qty"].toString().toLongLong();
            return qint64(0);
        }();
        const int requests = m_rig.counters()[u"requests"][u"POST /v2/orders"].toInt();
        const AlpacaLoopback::Reply outside = m_rig.placeOutsideOrder(QStringLiteral("MSFT"), 3);
        QVERIFY2(outside.status == 200, outside.body.constData());
        QVERIFY(serverSays(outside.object().value(u"client_order_id").toString(), QStringLiteral("filled")));
        bool moved = false;
        for (const QJsonValue &p : m_rig.positions())
            if (p[u"symbol"].toString() == QLatin1String("MSFT"))
                moved = p[u"qty"].toString().toLongLong() == before + 3;
        QVERIFY(moved);
        QCOMPARE(m_rig.counters()[u"requests"][u"POST /v2/orders"].toInt(), requests); // the proxy never saw it
    }

    void tellsTheFillsAsActivitiesAcrossARestartOfTheServer()
    {
        // Each order's filled quantity as the executions' cum_qty says (the newest first).
        const auto filledByOrder = [&] {
            QMap<QString, qint64> cum;
            const AlpacaLoopback::Reply fills =
                m_rig.call("GET", rest(QStringLiteral("/v2/account/activities/FILL?direction=asc")));
            for (const QJsonValue &a : fills.array())
                cum[a[u"order_id"].toString()] = a[u"cum_qty"].toString().toLongLong();
            return cum;
        };
        QMap<QString, qint64> fromOrders; // the server's own order table
        for (const QJsonValue &o : m_rig.orders())
            if (o[u"filled_qty"].toString().toLongLong() > 0)
                fromOrders[o[u"id"].toString()] = o[u"filled_qty"].toString().toLongLong();
        QVERIFY(fromOrders.size() >= 5);
        QCOMPARE(filledByOrder(), fromOrders);

        // A restart of the server: the journal gives the totals, still exact.
        const QString stopped = m_rig.server.stop();
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));
        // The restarted server replays the day from the open to where it stopped at its
        // speed before it takes up the bot's orders: faster, so that this takes seconds.
        const QString started = m_rig.server.start(QStringLiteral("600"));
        QVERIFY2(started.isEmpty(), qPrintable(started));
        (void)QTest::qWaitFor([&] { return filledByOrder() == fromOrders; }, 30'000);
        QCOMPARE(filledByOrder(), fromOrders);
    }

    void cleanupTestCase()
    {
        const QString stopped = m_rig.stop();
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));
    }
};

QTEST_GUILESS_MAIN(TestAlpacaLoopback)
#include "tst_alpaca_loopback.moc"
