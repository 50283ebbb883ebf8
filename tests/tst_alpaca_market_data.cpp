// Alpaca's market data stream client (engine/alpaca/MarketDataClient) and its MessagePack
// decoder: frames of the gateway's own encoder decoded exactly (prices to the 1e-4, sizes,
// symbols, every length of the timestamp extension); the real gateway's /v2/iex stream
// read in MessagePack against the same stream in JSON; and, against a WebSocket server
// inside the test, the faults: a dropped stream reconnects with backoff and subscribes
// again, a silent stream in market hours falls back to REST latest quotes and back, a
// malformed frame is counted and skipped, a refused key backs off.

#include "GatewayRig.h"
#include "alpaca/LatestQuotes.h"
#include "alpaca/MarketDataClient.h"
#include "alpaca/MsgPackMarketData.h"
#include "api/Config.h"
#include "net/MarketDataCodec.h"
#include "net/Rfc3339.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

#include <msgpack.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>
#include <tuple>
#include <vector>

using namespace vigil;
using namespace vigil::alpaca;
using namespace Qt::StringLiterals;

namespace {

/// 2021-02-22T15:51:44Z, the example of Alpaca's stream documentation.
constexpr SimTime kT0 = 1'614'009'104 * kNsPerSecond;

gateway::MarketTick tick(gateway::MarketTick::Kind kind, SymbolId symbol, SimTime time, Price bid, Price ask,
                         std::int32_t bidSize, std::int32_t askSize)
{
    gateway::MarketTick t;
    t.kind = kind;
    t.time = time;
    t.symbol = symbol;
    t.bid = bid;
    t.ask = ask;
    t.bidSize = bidSize;
    t.askSize = askSize;
    t.tradeId = 7;
    return t;
}

/// One MessagePack frame of quotes (and trades) by the gateway's encoder.
std::string encodedFrame(const std::vector<std::string> &universe, const std::vector<gateway::MarketTick> &ticks)
{
    gateway::EncodedBatch batch(gateway::Encoding::MsgPack, universe);
    for (const gateway::MarketTick &t : ticks) {
        if (t.kind == gateway::MarketTick::Kind::Quote)
            batch.addQuote(t);
        else
            batch.addTrade(t);
    }
    std::string frame;
    batch.frame(frame, [](gateway::Channel, SymbolId) { return true; });
    return frame;
}

std::vector<StreamMessage> decodeAll(const std::string &frame, FrameResult *result = nullptr)
{
    std::vector<StreamMessage> out;
    const FrameResult r = decodeFrame(frame.data(), frame.size(), [&](const StreamMessage &m) { out.push_back(m); });
    if (result)
        *result = r;
    return out;
}

/// A quote map with its time as `ext` (the extension's bytes after its type).
std::string quoteWithTime(const std::string &ext)
{
    msgpack::sbuffer buffer;
    msgpack::packer<msgpack::sbuffer> pk(buffer);
    pk.pack_array(1);
    pk.pack_map(7);
    pk.pack(std::string("T"));
    pk.pack(std::string("q"));
    pk.pack(std::string("S"));
    pk.pack(std::string("AAPL"));
    pk.pack(std::string("bp"));
    pk.pack(187.12);
    pk.pack(std::string("bs"));
    pk.pack(3);
    pk.pack(std::string("ap"));
    pk.pack(187.14);
    pk.pack(std::string("as"));
    pk.pack(5);
    pk.pack(std::string("t"));
    pk.pack_ext(static_cast<std::uint32_t>(ext.size()), -1);
    pk.pack_ext_body(ext.data(), static_cast<std::uint32_t>(ext.size()));
    return std::string(buffer.data(), buffer.size());
}

std::string bigEndian(std::uint64_t v, int bytes)
{
    std::string out;
    for (int i = bytes - 1; i >= 0; --i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    return out;
}

/// The client on a thread of its own, as the venue runs it; the test's thread drains the
/// queue as the engine would.
struct ClientRig {
    std::unique_ptr<MarketDataQueue> queue = std::make_unique<MarketDataQueue>();
    Doorbell bell;
    std::atomic<bool> stop{false};
    QThread thread;
    MarketDataClient *client = nullptr;
    std::vector<VenueMessage> received;

    ClientRig(const AlpacaVenueConfig &config, const BrokerKeyPair &keys, std::vector<std::string> universe)
    {
        client = new MarketDataClient(config, keys, std::move(universe), *queue, bell, stop);
        client->moveToThread(&thread);
        thread.start();
        QMetaObject::invokeMethod(client, &MarketDataClient::start, Qt::QueuedConnection);
    }
    ~ClientRig()
    {
        stop = true;
        QMetaObject::invokeMethod(
            client,
            [c = client] {
                c->stop();
                delete c;
            },
            Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    /// Moves what the client pushed into `received`.
    void drain()
    {
        VenueMessage m;
        while (queue->tryPop(m))
            received.push_back(m);
    }
    std::vector<VenueMessage> of(VenueMessage::Kind kind)
    {
        drain();
        std::vector<VenueMessage> out;
        for (const VenueMessage &m : received)
            if (m.kind == kind)
                out.push_back(m);
        return out;
    }
    int links(LinkEventKind kind)
    {
        int n = 0;
        for (const VenueMessage &m : of(VenueMessage::Kind::Link))
            n += m.link.kind == kind ? 1 : 0;
        return n;
    }
};

/// A market data stream server in the test: answers as Alpaca's does (connected, auth,
/// subscription, in MessagePack), records what the client did, and sends what the test says.
class FakeStream : public QObject {
public:
    bool refuseAuth = false;
    int connections = 0;
    std::vector<qint64> connectedAt; ///< ms on `clock`
    std::vector<QJsonObject> subscribes;
    QString lastSecret;
    QElapsedTimer clock;
    QWebSocketServer server{u"fake alpaca"_s, QWebSocketServer::NonSecureMode};
    QPointer<QWebSocket> current;

    FakeStream()
    {
        clock.start();
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *ws = server.nextPendingConnection();
            ws->setParent(this);
            ++connections;
            connectedAt.push_back(clock.elapsed());
            current = ws;
            connect(ws, &QWebSocket::binaryMessageReceived, this, [this, ws](const QByteArray &m) { answer(ws, m); });
            connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
            send(gateway::controlMessage(gateway::Encoding::MsgPack,
                                         {{u"T"_s, u"success"_s}, {u"msg"_s, u"connected"_s}}));
        });
    }
    QString url() const { return u"ws://127.0.0.1:%1/v2"_s.arg(server.serverPort()); }
    void send(const std::string &frame)
    {
        if (current)
            current->sendBinaryMessage(QByteArray::fromStdString(frame));
    }
    bool subscribed() const { return !subscribes.empty(); }

private:
    void answer(QWebSocket *ws, const QByteArray &message)
    {
        const auto decoded = gateway::decodeClientMessage(std::string_view(message.constData(), message.size()));
        if (!decoded)
            return;
        const QString action = decoded->value(u"action").toString();
        if (action == u"auth"_s) {
            lastSecret = decoded->value(u"secret").toString();
            if (refuseAuth) {
                ws->sendBinaryMessage(
                    QByteArray::fromStdString(gateway::errorMessage(gateway::Encoding::MsgPack, 402, "auth failed")));
                ws->close();
                return;
            }
            ws->sendBinaryMessage(QByteArray::fromStdString(gateway::controlMessage(
                gateway::Encoding::MsgPack, {{u"T"_s, u"success"_s}, {u"msg"_s, u"authenticated"_s}})));
        } else if (action == u"subscribe"_s) {
            subscribes.push_back(*decoded);
            QJsonObject subscription{{u"T"_s, u"subscription"_s}};
            subscription.insert(u"quotes"_s, decoded->value(u"quotes"));
            subscription.insert(u"trades"_s, decoded->value(u"trades"));
            ws->sendBinaryMessage(
                QByteArray::fromStdString(gateway::controlMessage(gateway::Encoding::MsgPack, subscription)));
        }
    }
};

/// A tiny HTTP answer for the REST fallback: every request answered with `body`, recorded.
class FakeRest : public QObject {
public:
    QByteArray body;
    QStringList requests; ///< each request's head (request line and headers)
    QTcpServer server;

    FakeRest()
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = server.nextPendingConnection();
            auto head = std::make_shared<QByteArray>();
            connect(s, &QTcpSocket::readyRead, s, [this, s, head] {
                head->append(s->readAll());
                if (!head->contains("\r\n\r\n"))
                    return;
                requests << QString::fromUtf8(*head);
                s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                         + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                s->disconnectFromHost();
            });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        });
    }
    QString url() const { return u"http://127.0.0.1:%1"_s.arg(server.serverPort()); }
};

AlpacaVenueConfig fastConfig(const QString &streamUrl, const QString &restUrl = u"http://127.0.0.1:1"_s)
{
    AlpacaVenueConfig c;
    c.dataStreamUrl = streamUrl.toStdString();
    c.dataRestUrl = restUrl.toStdString();
    c.reconnectMinMs = 300;
    c.reconnectMaxMs = 5000;
    c.dataSilenceMs = 400;
    c.restFallbackIntervalMs = 200;
    c.requestTimeoutMs = 2000;
    return c;
}

const BrokerKeyPair kKeys{"PKTEST", "s3cr3t-never-logged"};
const std::vector<std::string> kUniverse{"AAPL", "MSFT"};

/// Captures spdlog's lines for the test's duration.
struct LogCapture {
    std::ostringstream text;
    std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
    LogCapture()
    {
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(text);
        spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
    }
    ~LogCapture() { spdlog::set_default_logger(previous); }
};

} // namespace

class TestAlpacaMarketData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesTheGatewayEncodingExactly()
    {
        using Kind = gateway::MarketTick::Kind;
        // Prices whose doubles lie on either side of the decimal: rounding, not truncation.
        const std::vector<gateway::MarketTick> ticks{
            tick(Kind::Quote, 0, kT0 + 335'689'322, Price::fromRaw(1'871'200), Price::fromRaw(1'871'400), 3, 5),
            tick(Kind::Quote, 1, kT0 + 1, Price::fromRaw(35), Price::fromRaw(1'234'999), 1, 2'000'000'000),
            tick(Kind::Trade, 1, kT0 + 999'999'999, Price::fromRaw(4'156'700), Price{}, 100, 0),
            tick(Kind::Quote, 0, kT0, Price::fromRaw(10'000'000'001), Price::fromRaw(10'000'000'003), 0, 7),
        };
        FrameResult result;
        const std::string frame = encodedFrame(kUniverse, ticks); // the messages' texts point into it
        const std::vector<StreamMessage> got = decodeAll(frame, &result);
        QVERIFY2(!result.error, result.error);
        QCOMPARE(result.messages, 4u);
        QCOMPARE(got.size(), std::size_t{4});
        for (std::size_t i = 0; i < ticks.size(); ++i) {
            const gateway::MarketTick &t = ticks[i];
            const StreamMessage &m = got[i];
            QCOMPARE(m.symbol, std::string_view(kUniverse[t.symbol]));
            QCOMPARE(m.time, t.time);
            if (t.kind == Kind::Quote) {
                QVERIFY(m.type == StreamMessageType::Quote);
                QCOMPARE(m.bid.raw(), t.bid.raw());
                QCOMPARE(m.ask.raw(), t.ask.raw());
                QCOMPARE(m.bidSize, t.bidSize);
                QCOMPARE(m.askSize, t.askSize);
            } else {
                QVERIFY(m.type == StreamMessageType::Trade);
                QCOMPARE(m.price.raw(), t.bid.raw());
                QCOMPARE(m.size, t.bidSize);
            }
        }
        // Control messages come through with their code and text.
        const std::vector<StreamMessage> error =
            decodeAll(gateway::errorMessage(gateway::Encoding::MsgPack, 402, "auth failed"));
        QCOMPARE(error.size(), std::size_t{1});
        QVERIFY(error[0].type == StreamMessageType::Error);
        QCOMPARE(error[0].code, std::int64_t{402});
        QCOMPARE(error[0].text, std::string_view("auth failed"));
    }

    void decodesEveryTimestampLength()
    {
        const std::uint64_t seconds = 1'614'009'104;
        const std::uint32_t nanos = 335'689'322;
        // 32-bit: whole seconds.
        std::vector<StreamMessage> m = decodeAll(quoteWithTime(bigEndian(seconds, 4)));
        QCOMPARE(m.size(), std::size_t{1});
        QCOMPARE(m[0].time, SimTime(seconds) * kNsPerSecond);
        // 64-bit: 30 bits of nanoseconds over 34 of seconds.
        m = decodeAll(quoteWithTime(bigEndian((std::uint64_t{nanos} << 34) | seconds, 8)));
        QCOMPARE(m.size(), std::size_t{1});
        QCOMPARE(m[0].time, SimTime(seconds) * kNsPerSecond + nanos);
        // 96-bit: 32-bit nanoseconds, then signed 64-bit seconds (here before 1970).
        m = decodeAll(quoteWithTime(bigEndian(nanos, 4) + bigEndian(static_cast<std::uint64_t>(-5), 8)));
        QCOMPARE(m.size(), std::size_t{1});
        QCOMPARE(m[0].time, SimTime(-5) * kNsPerSecond + nanos);
        // Other lengths, and nanoseconds beyond a second, are no time: the quote is skipped.
        FrameResult r;
        QCOMPARE(decodeAll(quoteWithTime(bigEndian(seconds, 6)), &r).size(), std::size_t{0});
        QCOMPARE(r.incomplete, 1u);
        QCOMPARE(decodeAll(quoteWithTime(bigEndian(std::uint64_t{1'000'000'000} << 34 | seconds, 8)), &r).size(),
                 std::size_t{0});
        QCOMPARE(r.incomplete, 1u);
    }

    void malformedFramesAreNamedNeverACrash()
    {
        FrameResult r;
        decodeAll(std::string("\xc1\xc1\xc1", 3), &r);
        QVERIFY(r.error);
        decodeAll(std::string(), &r);
        QVERIFY(r.error);
        const std::string frame = encodedFrame(kUniverse, {tick(gateway::MarketTick::Kind::Quote, 0, kT0,
                                                                Price::fromCents(100), Price::fromCents(101), 1, 1)});
        std::vector<StreamMessage> m = decodeAll(frame.substr(0, frame.size() - 3), &r);
        QVERIFY(r.error);
        QCOMPARE(m.size(), std::size_t{0});
        decodeAll(std::string("\x2a", 1), &r); // a lone integer
        QVERIFY(r.error);
        decodeAll(std::string("\x91\x2a", 2), &r); // [42]
        QVERIFY(r.error);
        decodeAll(frame + frame, &r); // two frames in one
        QVERIFY(r.error);
        decodeAll(std::string(5000, '\x91'), &r); // deeper than any frame
        QVERIFY(r.error);
        // An array header announcing more than is there: cut short, nothing allocated for it.
        decodeAll(std::string("\xdd\xff\xff\xff\xff", 5), &r);
        QVERIFY(r.error);
        // A quote without its ask: skipped and counted, its neighbour read.
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        pk.pack_array(1);
        pk.pack_map(3);
        pk.pack(std::string("T"));
        pk.pack(std::string("q"));
        pk.pack(std::string("S"));
        pk.pack(std::string("AAPL"));
        pk.pack(std::string("bp"));
        pk.pack(1.5);
        m = decodeAll(std::string(buffer.data(), buffer.size()), &r);
        QVERIFY(!r.error);
        QCOMPARE(r.incomplete, 1u);
        QCOMPARE(m.size(), std::size_t{0});
    }

    void restLatestQuotesAreRead()
    {
        std::vector<LatestQuote> quotes;
        const std::string problem = parseLatestQuotes(
            R"({"quotes":{"AAPL":{"t":"2021-02-22T15:51:45.335689322Z","bp":187.12,"bs":3,"ap":187.14,"as":5,"bx":"V","ax":"V","c":[],"z":"C"},)"
            R"("MSFT":{"t":"2021-02-22T10:51:45-05:00","bp":0.0035,"bs":1,"ap":12.35,"as":2},"BAD":{"bp":1}}})",
            quotes);
        QCOMPARE(problem, std::string("unreadable quote of BAD"));
        QCOMPARE(quotes.size(), std::size_t{2});
        std::sort(quotes.begin(), quotes.end(), [](const auto &a, const auto &b) { return a.symbol < b.symbol; });
        QCOMPARE(quotes[0].symbol, std::string("AAPL"));
        QCOMPARE(quotes[0].time, kT0 + kNsPerSecond + 335'689'322);
        QCOMPARE(quotes[0].bid.raw(), std::int64_t{1'871'200});
        QCOMPARE(quotes[0].askSize, 5);
        QCOMPARE(quotes[1].time, kT0 + kNsPerSecond);
        QCOMPARE(quotes[1].bid.raw(), std::int64_t{35});
        QCOMPARE(quotes[1].ask.raw(), std::int64_t{123'500});
    }

    void gatewayStreamMatchesItsJsonTwin()
    {
        testing::GatewayRig rig;
        const QString prepared = rig.prepare(u"md"_s, u"md"_s);
        QVERIFY2(prepared.isEmpty(), qPrintable(prepared));
        const QString started = rig.start(u"60"_s);
        QVERIFY2(started.isEmpty(), qPrintable(started));

        std::vector<std::string> universe;
        for (const SymbolSpec &s : defaultConfig().simulator.symbols)
            universe.push_back(s.symbol);
        AlpacaVenueConfig config;
        config.dataStreamUrl = (u"ws://127.0.0.1:%1/v2"_s.arg(rig.port)).toStdString();
        config.dataRestUrl = rig.baseUrl().toStdString();
        ClientRig client(config, {rig.keyId.toStdString(), rig.secret.toStdString()}, universe);

        // The same stream in JSON, read by the test.
        QWebSocket json;
        std::vector<QJsonObject> jsonMessages;
        connect(&json, &QWebSocket::textMessageReceived, this, [&](const QString &frame) {
            for (const QJsonValue v : QJsonDocument::fromJson(frame.toUtf8()).array()) {
                const QJsonObject o = v.toObject();
                const QString type = o.value(u"T").toString();
                if (type == u"success"_s && o.value(u"msg").toString() == u"connected"_s) {
                    json.sendTextMessage(QString::fromUtf8(
                        QJsonDocument(
                            QJsonObject{{u"action"_s, u"auth"_s}, {u"key"_s, rig.keyId}, {u"secret"_s, rig.secret}})
                            .toJson(QJsonDocument::Compact)));
                } else if (type == u"success"_s) {
                    QJsonArray symbols;
                    for (const std::string &s : universe)
                        symbols.append(QString::fromStdString(s));
                    json.sendTextMessage(QString::fromUtf8(
                        QJsonDocument(
                            QJsonObject{{u"action"_s, u"subscribe"_s}, {u"quotes"_s, symbols}, {u"trades"_s, symbols}})
                            .toJson(QJsonDocument::Compact)));
                } else if (type == u"q"_s || type == u"t"_s) {
                    jsonMessages.push_back(o);
                }
            }
        });
        json.open(QUrl(u"ws://127.0.0.1:%1/v2/iex"_s.arg(rig.port)));

        // Enough of both kinds once the simulated session runs.
        QTRY_VERIFY2_WITH_TIMEOUT(
            client.of(VenueMessage::Kind::Quote).size() >= 300 && client.of(VenueMessage::Kind::Trade).size() >= 20,
            qPrintable(u"%1 quotes, %2 trades; state %3\n%4"_s.arg(client.of(VenueMessage::Kind::Quote).size())
                           .arg(client.of(VenueMessage::Kind::Trade).size())
                           .arg(QString::fromUtf8(toString(client.client->state())))
                           .arg(rig.tail(u"vigil.err"_s))),
            150'000);
        QVERIFY(client.client->state() == LinkState::Up);
        QVERIFY(client.client->source() == MarketDataSource::Stream);
        QCOMPARE(client.of(VenueMessage::Kind::FeedStatus).size(), std::size_t{1});
        json.close();
        QVERIFY(rig.stop().isEmpty());

        // Both as (kind, symbol, time, prices, sizes), compared where both were listening.
        using Row = std::tuple<int, std::string, SimTime, std::int64_t, std::int64_t, std::int32_t, std::int32_t>;
        std::vector<Row> fromClient;
        for (const VenueMessage &m : client.received) {
            if (m.kind == VenueMessage::Kind::Quote) {
                QCOMPARE(m.time, m.exchangeTime);
                fromClient.emplace_back(0, universe[m.quote.symbol], m.time, m.quote.bid.raw(), m.quote.ask.raw(),
                                        m.quote.bidSize, m.quote.askSize);
            } else if (m.kind == VenueMessage::Kind::Trade) {
                fromClient.emplace_back(1, universe[m.trade.symbol], m.time, m.trade.price.raw(), 0, m.trade.size, 0);
            }
        }
        std::vector<Row> fromJson;
        const auto price = [](const QJsonValue &v) {
            return Price::parse(QString::number(v.toDouble(), 'f', 4).toStdString())->raw();
        };
        for (const QJsonObject &o : jsonMessages) {
            SimTime t = 0;
            const QByteArray text = o.value(u"t").toString().toUtf8();
            QVERIFY(parseRfc3339(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), t));
            QCOMPARE(QString::fromStdString(gateway::rfc3339(t)), o.value(u"t").toString());
            const std::string symbol = o.value(u"S").toString().toStdString();
            if (o.value(u"T").toString() == u"q"_s)
                fromJson.emplace_back(0, symbol, t, price(o.value(u"bp")), price(o.value(u"ap")),
                                      o.value(u"bs").toInt(), o.value(u"as").toInt());
            else
                fromJson.emplace_back(1, symbol, t, price(o.value(u"p")), 0, o.value(u"s").toInt(), 0);
        }
        QVERIFY(!fromJson.empty());
        const auto timeOf = [](const Row &r) { return std::get<2>(r); };
        SimTime from = 0, to = 0;
        for (const auto *rows : {&fromClient, &fromJson}) {
            const auto [lo, hi] = std::minmax_element(
                rows->begin(), rows->end(), [&](const Row &a, const Row &b) { return timeOf(a) < timeOf(b); });
            from = std::max(from, timeOf(*lo));
            to = to == 0 ? timeOf(*hi) : std::min(to, timeOf(*hi));
        }
        // Strictly inside the common span: its edges may hold half a batch on either side.
        const auto window = [&](std::vector<Row> rows) {
            std::erase_if(rows, [&](const Row &r) { return timeOf(r) <= from || timeOf(r) >= to; });
            std::sort(rows.begin(), rows.end());
            return rows;
        };
        const std::vector<Row> a = window(fromClient);
        const std::vector<Row> b = window(fromJson);
        QVERIFY2(a.size() >= 100, qPrintable(u"only %1 messages in the common span"_s.arg(a.size())));
        QCOMPARE(a.size(), b.size());
        QVERIFY(a == b);
    }

    void droppedStreamReconnectsWithBackoffAndSubscribesAgain()
    {
        FakeStream server;
        ClientRig rig(fastConfig(server.url()), kKeys, kUniverse);
        QTRY_VERIFY_WITH_TIMEOUT(server.subscribed(), 10'000);
        QTRY_VERIFY(rig.client->state() == LinkState::Up);
        QCOMPARE(server.lastSecret, u"s3cr3t-never-logged"_s);
        const QJsonArray universe{u"AAPL"_s, u"MSFT"_s};
        QCOMPARE(server.subscribes[0].value(u"quotes").toArray(), universe);
        QCOMPARE(server.subscribes[0].value(u"trades").toArray(), universe);

        const qint64 droppedAt = server.clock.elapsed();
        server.current->abort();
        QTRY_COMPARE_WITH_TIMEOUT(server.subscribes.size(), std::size_t{2}, 10'000);
        QCOMPARE(server.connections, 2);
        // Not at once: after reconnect_min_ms less its jitter.
        QVERIFY2(server.connectedAt[1] - droppedAt >= 240,
                 qPrintable(u"reconnected after %1 ms"_s.arg(server.connectedAt[1] - droppedAt)));
        QCOMPARE(server.subscribes[1].value(u"quotes").toArray(), universe);
        QTRY_VERIFY(rig.client->state() == LinkState::Up);
        QCOMPARE(rig.client->reconnects(), 1u);

        // What the engine heard: down (attempt 1), then restored, and the feed's status.
        QTRY_VERIFY(rig.links(LinkEventKind::DataStreamRestored) == 1);
        const std::vector<VenueMessage> links = rig.of(VenueMessage::Kind::Link);
        QCOMPARE(links.size(), std::size_t{2});
        QVERIFY(links[0].link.kind == LinkEventKind::DataStreamDown);
        QCOMPARE(links[0].link.detail, 1);
        QVERIFY(links[1].link.kind == LinkEventKind::DataStreamRestored);
        const std::vector<VenueMessage> feed = rig.of(VenueMessage::Kind::FeedStatus);
        QCOMPARE(feed.size(), std::size_t{3});
        QVERIFY(feed[0].status == ComponentStatus::Up);
        QVERIFY(feed[1].status == ComponentStatus::Down);
        QVERIFY(feed[2].status == ComponentStatus::Up);

        // And the new stream delivers.
        server.send(encodedFrame(kUniverse, {tick(gateway::MarketTick::Kind::Quote, 1, kT0, Price::fromCents(41520),
                                                  Price::fromCents(41522), 4, 6)}));
        QTRY_COMPARE(rig.of(VenueMessage::Kind::Quote).size(), std::size_t{1});
        const VenueMessage q = rig.of(VenueMessage::Kind::Quote)[0];
        QCOMPARE(q.quote.symbol, SymbolId{1});
        QCOMPARE(q.quote.ask, Price::fromCents(41522));
        QCOMPARE(q.exchangeTime, kT0);
        QCOMPARE(q.time, kT0);
    }

    void silentStreamFallsBackToRestAndBack()
    {
        FakeStream server;
        FakeRest rest;
        const SimTime later = kT0 + 5 * kNsPerSecond;
        rest.body = QByteArray::fromStdString(R"({"quotes":{"AAPL":{"t":")" + gateway::rfc3339(later + 123)
                                              + R"(","bp":187.12,"bs":3,"ap":187.14,"as":5},)"
                                                R"("MSFT":{"t":")"
                                              + gateway::rfc3339(kT0) + R"(","bp":415.2,"bs":1,"ap":415.22,"as":1}}})");
        ClientRig rig(fastConfig(server.url(), rest.url()), kKeys, kUniverse);
        rig.client->setMarketOpen(true);
        QTRY_VERIFY_WITH_TIMEOUT(server.subscribed(), 10'000);
        // A quote of MSFT at kT0: the REST one of the same time is no news.
        server.send(encodedFrame(kUniverse, {tick(gateway::MarketTick::Kind::Quote, 1, kT0, Price::fromCents(41520),
                                                  Price::fromCents(41522), 1, 1)}));
        QTRY_COMPARE(rig.of(VenueMessage::Kind::Quote).size(), std::size_t{1});
        QVERIFY(rig.client->source() == MarketDataSource::Stream);

        // Then silence: REST stands in, with the keys in its headers.
        QTRY_VERIFY_WITH_TIMEOUT(rig.client->source() == MarketDataSource::RestFallback, 5000);
        QVERIFY(rig.links(LinkEventKind::RestFallbackOn) == 1);
        QTRY_VERIFY_WITH_TIMEOUT(rest.requests.size() >= 3, 5000);
        const QString first = rest.requests[0];
        QVERIFY2(first.startsWith(u"GET /v2/stocks/quotes/latest?symbols=AAPL,MSFT&feed=iex HTTP/1.1"_s),
                 qPrintable(first));
        QVERIFY(first.contains(u"APCA-API-KEY-ID: PKTEST"_s, Qt::CaseInsensitive));
        QVERIFY(first.contains(u"APCA-API-SECRET-KEY: s3cr3t-never-logged"_s, Qt::CaseInsensitive));
        // Only what is newer than the last quote, once however often it is asked.
        const std::vector<VenueMessage> quotes = rig.of(VenueMessage::Kind::Quote);
        QCOMPARE(quotes.size(), std::size_t{2});
        QCOMPARE(quotes[1].quote.symbol, SymbolId{0});
        QCOMPARE(quotes[1].quote.bid.raw(), std::int64_t{1'871'200});
        QCOMPARE(quotes[1].quote.ask.raw(), std::int64_t{1'871'400});
        QCOMPARE(quotes[1].quote.bidSize, 3);
        QCOMPARE(quotes[1].exchangeTime, later + 123);
        QCOMPARE(rig.client->counters().restQuotes, std::uint64_t{1});
        // At most once per restFallbackIntervalMs (200 ms) since the first.
        {
            QElapsedTimer span;
            span.start();
            const qsizetype before = rest.requests.size();
            QTest::qWait(1000);
            QVERIFY2(rest.requests.size() - before <= span.elapsed() / 200 + 1,
                     qPrintable(u"%1 requests in %2 ms"_s.arg(rest.requests.size() - before).arg(span.elapsed())));
        }
        // The silent stream was closed and opened again.
        QVERIFY(server.connections >= 2);
        QVERIFY(rig.links(LinkEventKind::DataStreamDown) >= 1);

        // The stream delivers again: back on it. (The client may be between two
        // connections of its silence cycle when a quote is sent: send until one arrives.)
        SimTime next = later + kNsPerSecond;
        for (int i = 0; i < 50 && rig.client->source() != MarketDataSource::Stream; ++i) {
            server.send(encodedFrame(kUniverse, {tick(gateway::MarketTick::Kind::Quote, 0, next += kNsPerMs,
                                                      Price::fromCents(18713), Price::fromCents(18715), 1, 1)}));
            QTest::qWait(100);
        }
        QVERIFY(rig.client->source() == MarketDataSource::Stream);
        rig.client->setMarketOpen(false);
        QVERIFY(rig.links(LinkEventKind::RestFallbackOff) == 1);
        // ... after the fallback went on (a stream's own restored event may come either side of it).
        const std::vector<VenueMessage> links = rig.of(VenueMessage::Kind::Link);
        const auto lastOf = [&links](LinkEventKind kind) {
            const auto it = std::find_if(links.rbegin(), links.rend(),
                                         [kind](const VenueMessage &m) { return m.link.kind == kind; });
            return it == links.rend() ? -1 : static_cast<int>(links.rend() - it - 1);
        };
        QVERIFY(lastOf(LinkEventKind::RestFallbackOff) > lastOf(LinkEventKind::RestFallbackOn));

        // Closed market: silence is no fault, no REST.
        QTest::qWait(1200);
        const qsizetype asked = rest.requests.size();
        const int connections = server.connections;
        QTest::qWait(800);
        QCOMPARE(rest.requests.size(), asked);
        QCOMPARE(server.connections, connections);
        QVERIFY(rig.links(LinkEventKind::RestFallbackOn) == 1);
    }

    void malformedFrameIsCountedAndSkipped()
    {
        FakeStream server;
        ClientRig rig(fastConfig(server.url()), kKeys, kUniverse);
        QTRY_VERIFY_WITH_TIMEOUT(server.subscribed(), 10'000);
        server.send(std::string("\x93\xc1\xff\x00", 4));
        server.send(encodedFrame(
            {"AAPL", "MSFT", "TSLA"},
            {tick(gateway::MarketTick::Kind::Quote, 2, kT0, Price::fromCents(100), Price::fromCents(101), 1, 1),
             tick(gateway::MarketTick::Kind::Trade, 0, kT0 + 1, Price::fromCents(18712), Price{}, 9, 0)}));
        QTRY_COMPARE(rig.of(VenueMessage::Kind::Trade).size(), std::size_t{1});
        const MarketDataCounters c = rig.client->counters();
        QCOMPARE(c.malformedFrames, std::uint64_t{1});
        QCOMPARE(c.unknownSymbols, std::uint64_t{1});
        QCOMPARE(c.messages, std::uint64_t{1});
        const VenueMessage t = rig.of(VenueMessage::Kind::Trade)[0];
        QCOMPARE(t.trade.price, Price::fromCents(18712));
        QCOMPARE(t.trade.size, 9);
        QCOMPARE(rig.of(VenueMessage::Kind::Quote).size(), std::size_t{0});
        // The stream stayed up throughout.
        QCOMPARE(server.connections, 1);
        QVERIFY(rig.client->state() == LinkState::Up);
    }

    void refusedAuthBacksOffAndKeepsTheSecret()
    {
        LogCapture log;
        FakeStream server;
        server.refuseAuth = true;
        AlpacaVenueConfig config = fastConfig(server.url());
        config.reconnectMinMs = 200;
        ClientRig rig(config, kKeys, kUniverse);
        QTest::qWait(2000);
        // 200, 400, 800 ms (±20 %) between attempts: four connections at most in 2 s, where a
        // tight loop would make hundreds.
        QVERIFY2(server.connections >= 3 && server.connections <= 4,
                 qPrintable(u"%1 connections in 2 s"_s.arg(server.connections)));
        QVERIFY(server.connectedAt[2] - server.connectedAt[1] > server.connectedAt[1] - server.connectedAt[0]);
        QVERIFY(rig.client->state() != LinkState::Up);
        QVERIFY(rig.client->reconnects() >= 2);
        const std::vector<VenueMessage> links = rig.of(VenueMessage::Kind::Link);
        QVERIFY(links.size() >= 2);
        for (std::size_t i = 0; i < links.size(); ++i) {
            QVERIFY(links[i].link.kind == LinkEventKind::DataStreamDown);
            QCOMPARE(links[i].link.detail, static_cast<std::int32_t>(i + 1));
        }
        QVERIFY(rig.of(VenueMessage::Kind::FeedStatus).empty());
        spdlog::default_logger()->flush();
        const std::string lines = log.text.str();
        QVERIFY2(lines.find("402") != std::string::npos && lines.find("auth failed") != std::string::npos,
                 lines.c_str());
        QVERIFY2(lines.find("s3cr3t-never-logged") == std::string::npos, lines.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAlpacaMarketData)
#include "tst_alpaca_market_data.moc"
