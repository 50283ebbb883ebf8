#include "AlpacaBench.h"

#include "alpaca/MarketDataClient.h"
#include "api/Config.h"
#include "net/MarketDataCodec.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

#include <msgpack.hpp>

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace vigil::bench {

namespace {

using Clock = std::chrono::steady_clock;
using namespace Qt::StringLiterals;

/// Bytes queued at the sender beyond which it waits for the reader.
constexpr qint64 kInFlight = 8 << 20;

/// Frames of `batch` quotes each over the universe, by the gateway's own encoder; a few
/// dozen different ones, sent round and round.
std::vector<QByteArray> encodeFrames(const std::vector<std::string> &universe, int batch)
{
    std::vector<QByteArray> frames;
    gateway::EncodedBatch encoded(gateway::Encoding::MsgPack, universe);
    SimTime t = 1'763'649'000 * kNsPerSecond; // a November morning
    for (int f = 0; f < 32; ++f) {
        encoded.clear();
        for (int i = 0; i < batch; ++i) {
            gateway::MarketTick tick;
            tick.kind = gateway::MarketTick::Kind::Quote;
            tick.symbol = static_cast<SymbolId>((f * batch + i) % static_cast<int>(universe.size()));
            tick.time = (t += 20'011);
            tick.bid = Price::fromRaw(1'871'200 + (i % 97) * 100);
            tick.ask = tick.bid + Price::fromCents(2);
            tick.bidSize = 1 + i % 9;
            tick.askSize = 2 + i % 7;
            encoded.addQuote(tick);
        }
        std::string frame;
        encoded.frame(frame, [](gateway::Channel, SymbolId) { return true; });
        frames.push_back(QByteArray::fromStdString(frame));
    }
    return frames;
}

/// The server, on its own thread: Alpaca's handshake in MessagePack, then frames as fast
/// as the reader takes them (the socket's queue kept under kInFlight).
class FrameServer : public QObject {
public:
    explicit FrameServer(std::vector<QByteArray> frames)
        : m_frames(std::move(frames))
    {}

    /// Server thread.
    void listen()
    {
        m_server = new QWebSocketServer(u"bench"_s, QWebSocketServer::NonSecureMode, this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            throw std::runtime_error("cannot listen on 127.0.0.1");
        port.store(m_server->serverPort());
        connect(m_server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *ws = m_server->nextPendingConnection();
            ws->setParent(this);
            connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
            connect(ws, &QWebSocket::binaryMessageReceived, this, [this, ws](const QByteArray &m) { answer(ws, m); });
            connect(ws, &QWebSocket::bytesWritten, this, [this, ws](qint64 n) {
                m_queued -= n;
                fill(ws);
            });
            control(ws, {{u"T"_s, u"success"_s}, {u"msg"_s, u"connected"_s}});
        });
    }

    std::atomic<quint16> port{0};

private:
    void control(QWebSocket *ws, const QJsonObject &message)
    {
        ws->sendBinaryMessage(QByteArray::fromStdString(gateway::controlMessage(gateway::Encoding::MsgPack, message)));
    }

    void answer(QWebSocket *ws, const QByteArray &m)
    {
        const auto message =
            gateway::decodeClientMessage(std::string_view(m.constData(), static_cast<std::size_t>(m.size())));
        if (!message)
            return;
        const QString action = message->value(u"action").toString();
        if (action == u"auth"_s) {
            control(ws, {{u"T"_s, u"success"_s}, {u"msg"_s, u"authenticated"_s}});
        } else if (action == u"subscribe"_s) {
            control(ws, {{u"T"_s, u"subscription"_s}, {u"quotes"_s, message->value(u"quotes")}});
            m_queued = 0;
            fill(ws);
        }
    }

    void fill(QWebSocket *ws)
    {
        while (m_queued < kInFlight && ws->state() == QAbstractSocket::ConnectedState) {
            const QByteArray &frame = m_frames[m_next++ % m_frames.size()];
            // bytesWritten() counts the frame's header too (a server's frames are unmasked).
            m_queued += ws->sendBinaryMessage(frame) + (frame.size() < 126 ? 2 : frame.size() < 65536 ? 4 : 10);
        }
    }

    std::vector<QByteArray> m_frames;
    QWebSocketServer *m_server = nullptr;
    std::size_t m_next = 0;
    qint64 m_queued = 0;
};

/// The bare receive: a QWebSocket that does Alpaca's handshake and only counts frames.
class BareReader : public QObject {
public:
    std::atomic<std::uint64_t> frames{0};

    void open(quint16 port)
    {
        m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(m_socket, &QWebSocket::connected, this, [this] {
            // The same two messages the client sends (the server answers whatever their keys).
            m_socket->sendBinaryMessage(clientMessage({{"action", "auth"}, {"key", "bench"}, {"secret", "bench"}}));
            m_socket->sendBinaryMessage(clientMessage({{"action", "subscribe"}}));
        });
        connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
            frames.fetch_add(1, std::memory_order_relaxed);
            m_lastSize = frame.size();
        });
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/v2/iex"_s.arg(port)));
        request.setRawHeader("Content-Type", "application/msgpack");
        m_socket->open(request);
    }
    void close() { m_socket->abort(); }

private:
    static QByteArray clientMessage(const std::map<std::string, std::string> &fields)
    {
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        pk.pack(fields);
        return QByteArray(buffer.data(), static_cast<qsizetype>(buffer.size()));
    }

    QWebSocket *m_socket = nullptr;
    qsizetype m_lastSize = 0; ///< kept so that the handler touches each frame, as any reader would
};

/// A thread with an event loop, and `object` moved onto it.
struct QtThread {
    QThread thread;
    explicit QtThread(QObject *object)
    {
        object->moveToThread(&thread);
        thread.start();
    }
    ~QtThread()
    {
        thread.quit();
        thread.wait();
    }
};

/// Samples `counter` once it first moves, over `seconds`: per second.
template<typename Read> double rate(Read read, double seconds)
{
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (read() == 0 && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (read() == 0)
        throw std::runtime_error("nothing arrived within 20 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // past the start
    const std::uint64_t n0 = read();
    const auto t0 = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    const std::uint64_t n1 = read();
    return static_cast<double>(n1 - n0) / std::chrono::duration<double>(Clock::now() - t0).count();
}

struct MarketDataFigures {
    double bareFramesPerSecond = 0;
    double bareMessagesPerSecond = 0;
    double bareMegabytesPerSecond = 0;
    double clientMessagesPerSecond = 0;
    std::uint64_t malformed = 0;
    std::uint64_t unknown = 0;
};

// ---- section: market data --------------------------------------------------------------

MarketDataFigures marketDataSection(const AlpacaBenchOptions &options)
{
    std::vector<std::string> universe;
    for (const SymbolSpec &s : defaultConfig().simulator.symbols)
        universe.push_back(s.symbol);
    const std::vector<QByteArray> frames = encodeFrames(universe, options.batch);
    std::printf("market data: %d quotes a frame (%lld bytes, %.0f a quote), %zu symbols, %.1f s each\n", options.batch,
                static_cast<long long>(frames[0].size()), static_cast<double>(frames[0].size()) / options.batch,
                universe.size(), options.seconds);
    MarketDataFigures figures;

    // (1) The bare receive: frames × batch.
    {
        auto *server = new FrameServer(frames);
        QtThread serverThread(server);
        QMetaObject::invokeMethod(server, &FrameServer::listen, Qt::BlockingQueuedConnection);
        auto *reader = new BareReader;
        QtThread readerThread(reader);
        QMetaObject::invokeMethod(
            reader, [reader, port = server->port.load()] { reader->open(port); }, Qt::BlockingQueuedConnection);
        figures.bareFramesPerSecond =
            rate([&] { return reader->frames.load(std::memory_order_relaxed); }, options.seconds);
        figures.bareMegabytesPerSecond = figures.bareFramesPerSecond * static_cast<double>(frames[0].size()) / 1e6;
        figures.bareMessagesPerSecond = figures.bareFramesPerSecond * options.batch;
        QMetaObject::invokeMethod(
            reader,
            [reader] {
                reader->close();
                delete reader;
            },
            Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(
            server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    std::printf("  bare QWebSocket receive: %.0f frames/s, %.0f messages/s (%.0f MB/s)\n", figures.bareFramesPerSecond,
                figures.bareMessagesPerSecond, figures.bareMegabytesPerSecond);

    // (2) The client: decoded, pushed, drained by a consumer as the engine would.
    {
        auto *server = new FrameServer(frames);
        QtThread serverThread(server);
        QMetaObject::invokeMethod(server, &FrameServer::listen, Qt::BlockingQueuedConnection);
        auto queue = std::make_unique<alpaca::MarketDataQueue>();
        Doorbell bell;
        std::atomic<bool> stop{false};
        std::atomic<std::uint64_t> consumed{0};
        std::thread engine([&] {
            VenueMessage batch[256];
            std::uint64_t checksum = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                const std::size_t n = queue->popBatch(batch, 256);
                if (n == 0) {
                    bell.sleepUntil([&] { return !queue->empty() || stop.load(); }, std::chrono::milliseconds(1));
                    continue;
                }
                for (std::size_t i = 0; i < n; ++i)
                    checksum += static_cast<std::uint64_t>(batch[i].quote.bid.raw());
                consumed.fetch_add(n, std::memory_order_relaxed);
            }
            if (checksum == 1)
                std::fprintf(stderr, "impossible checksum\n");
        });
        AlpacaVenueConfig config;
        config.dataStreamUrl = u"ws://127.0.0.1:%1/v2"_s.arg(server->port.load()).toStdString();
        auto *client = new alpaca::MarketDataClient(config, {"bench", "bench"}, universe, *queue, bell, stop);
        QtThread clientThread(client);
        QMetaObject::invokeMethod(client, &alpaca::MarketDataClient::start, Qt::QueuedConnection);
        try {
            figures.clientMessagesPerSecond =
                rate([&] { return consumed.load(std::memory_order_relaxed); }, options.seconds);
        } catch (...) {
            stop = true;
            engine.join();
            throw;
        }
        const alpaca::MarketDataCounters counters = client->counters();
        figures.malformed = counters.malformedFrames + counters.incomplete;
        figures.unknown = counters.unknownSymbols;
        stop = true;
        QMetaObject::invokeMethod(
            client,
            [client] {
                client->stop();
                delete client;
            },
            Qt::BlockingQueuedConnection);
        engine.join();
        QMetaObject::invokeMethod(
            server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    std::printf("  client decode + push + engine drain: %.0f messages/s (%llu malformed, %llu unknown symbols)\n",
                figures.clientMessagesPerSecond, static_cast<unsigned long long>(figures.malformed),
                static_cast<unsigned long long>(figures.unknown));
    return figures;
}

} // namespace

int runAlpacaBench(int argc, char **argv, const AlpacaBenchOptions &options)
{
    QCoreApplication app(argc, argv);
    spdlog::set_level(spdlog::level::err);
    std::string json;
    const auto add = [&json](const char *format, auto... values) {
        char field[160];
        std::snprintf(field, sizeof field, format, values...);
        json += json.empty() ? "{" : ", ";
        json += field;
    };
    try {
        if (options.marketData) {
            const MarketDataFigures data = marketDataSection(options);
            const double ratio =
                data.bareMessagesPerSecond > 0 ? data.clientMessagesPerSecond / data.bareMessagesPerSecond : 0;
            std::printf("client/bare: %.3f\n", ratio);
            std::printf("targets: >= 2000000 messages/s decoded and delivered: %s; >= 0.5 of the bare receive: %s\n",
                        data.clientMessagesPerSecond >= 2e6 ? "met" : "NOT met", ratio >= 0.5 ? "met" : "NOT met");
            add("\"md_batch\": %d", options.batch);
            add("\"md_bare_frames_per_s\": %.0f", data.bareFramesPerSecond);
            add("\"md_bare_messages_per_s\": %.0f", data.bareMessagesPerSecond);
            add("\"md_bare_mb_per_s\": %.0f", data.bareMegabytesPerSecond);
            add("\"md_client_messages_per_s\": %.0f", data.clientMessagesPerSecond);
            add("\"md_ratio\": %.3f", ratio);
            add("\"md_malformed\": %llu", static_cast<unsigned long long>(data.malformed));
        }
        if (options.orders.roundTrips || options.orders.kill) {
            const AlpacaOrderFigures f = runAlpacaOrderSections(options.orders);
            if (f.roundTrips) {
                const double ratio = f.bare.p50 > 0 ? f.venue.p50 / f.bare.p50 : 0;
                std::printf("  bare: POST /v2/orders (request made beforehand) to `new` read and parsed on its own "
                            "stream socket: p50 %.0f us, p99 %.0f us, max %.0f us (of which the POST to its 200: "
                            "p50 %.0f us, p99 %.0f us)\n",
                            f.bare.p50, f.bare.p99, f.bare.max, f.bareAnswer.p50, f.bareAnswer.p99);
                std::printf("  venue: send(NewOrder) to its Ack out of next() (the queue to the trading thread, the "
                            "JSON, the REST client, Qt's HTTP, the trade stream, the order tracker, the queue and the "
                            "engine's bell): p50 %.0f us, p99 %.0f us, max %.0f us (%llu market data messages read "
                            "meanwhile)\n",
                            f.venue.p50, f.venue.p99, f.venue.max, static_cast<unsigned long long>(f.quotesDuring));
                std::printf(
                    "  venue, split at the same `new` on the bare socket: send() to it p50 %.0f us, p99 %.0f us; "
                    "it to the Ack out of next() p50 %.0f us, p99 %.0f us\n",
                    f.venueToNew.p50, f.venueToNew.p99, f.venueAfterNew.p50, f.venueAfterNew.p99);
                std::printf("  the venue's REST client alone (alpaca::RestClient on its own thread, Qt's HTTP; "
                            "called from this thread and waited for): POST to its 200 p50 %.0f us, p99 %.0f us; to "
                            "its `new` on the bare socket p50 %.0f us, p99 %.0f us\n",
                            f.restAnswer.p50, f.restAnswer.p99, f.restToNew.p50, f.restToNew.p99);
                std::printf("venue/bare round trip: p50 %.2f, p99 %.2f (no target)\n", ratio,
                            f.bare.p99 > 0 ? f.venue.p99 / f.bare.p99 : 0);
                add("\"rt_orders\": %d", f.orders);
                add("\"rt_bare_p50_us\": %.0f", f.bare.p50);
                add("\"rt_bare_p99_us\": %.0f", f.bare.p99);
                add("\"rt_bare_max_us\": %.0f", f.bare.max);
                add("\"rt_bare_answer_p50_us\": %.0f", f.bareAnswer.p50);
                add("\"rt_venue_p50_us\": %.0f", f.venue.p50);
                add("\"rt_venue_p99_us\": %.0f", f.venue.p99);
                add("\"rt_venue_max_us\": %.0f", f.venue.max);
                add("\"rt_venue_to_new_p50_us\": %.0f", f.venueToNew.p50);
                add("\"rt_venue_after_new_p50_us\": %.0f", f.venueAfterNew.p50);
                add("\"rt_rest_answer_p50_us\": %.0f", f.restAnswer.p50);
                add("\"rt_rest_to_new_p50_us\": %.0f", f.restToNew.p50);
                add("\"rt_ratio_p50\": %.2f", ratio);
            }
            if (f.kill) {
                const double ratio = f.bareKillMs > 0 ? f.venueKillMs / f.bareKillMs : 0;
                std::printf("  bare: DELETE /v2/orders to its 207 (%d items): median %.1f ms (to the last `canceled` "
                            "on its stream: %.1f ms)\n",
                            f.killOrders, f.bareKillMs, f.bareKillCanceledMs);
                std::printf("  venue: send(CancelAll) to the %dth Canceled out of next(): median %.1f ms\n",
                            f.killOrders, f.venueKillMs);
                std::printf("venue/bare kill: %.2f against the 207, %.2f against the last `canceled` (no target)\n",
                            ratio, f.bareKillCanceledMs > 0 ? f.venueKillMs / f.bareKillCanceledMs : 0);
                add("\"kill_orders\": %d", f.killOrders);
                add("\"kill_rounds\": %d", f.killRounds);
                add("\"kill_bare_207_ms\": %.1f", f.bareKillMs);
                add("\"kill_bare_canceled_ms\": %.1f", f.bareKillCanceledMs);
                add("\"kill_venue_ms\": %.1f", f.venueKillMs);
                add("\"kill_venue_place_ms\": %.0f", f.venuePlaceMs);
                add("\"kill_ratio\": %.2f", ratio);
            }
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "vigil-bench alpaca: %s\n", e.what());
        return 1;
    }
    std::printf("%s}\n", json.c_str());
    return 0;
}

} // namespace vigil::bench
