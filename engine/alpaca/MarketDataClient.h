#pragma once
// Alpaca's market data stream for the configured universe: a QWebSocket to
// `dataStreamUrl/feed` in MessagePack (`Content-Type: application/msgpack` on the upgrade,
// as Alpaca's SDKs ask), authenticated with the key pair and subscribed to the universe's
// quotes and trades; every quote and trade becomes a VenueMessage pushed into the engine's
// queue, stamped with the message's own time (the venue's clock: a loopback server may run
// its day faster than the wall clock), and the engine's bell rung after each frame.
//
// It heals itself: a dropped stream reconnects with exponential backoff and jitter and
// subscribes again; a stream silent beyond dataSilenceMs while the market is open is closed
// and reconnected (a stalled TCP connection never recovers by itself), and meanwhile REST
// latest quotes stand in for it at most once per restFallbackIntervalMs, until the stream
// delivers again. Each step is a Link message (DataStreamDown, DataStreamRestored,
// RestFallbackOn, RestFallbackOff) and a FeedStatus Up/Down in the queue, and a log line.
// A full queue is waited on (the engine drains it), never dropped. No key or secret is
// ever in a log line.
//
// Threads:
// - Controlling thread: construct, then moveToThread() the market data thread (no Qt
//   object of its own exists before start()).
// - Market data thread: start() and stop() (queued calls: QMetaObject::invokeMethod), and
//   everything the client does; it is the queue's one producer.
// - Any thread: setMarketOpen(), state(), source(), reconnects(), counters() (atomics).

#include "alpaca/MsgPackMarketData.h"
#include "api/BrokerKeys.h"
#include "api/Config.h"
#include "api/Types.h"
#include "api/VenueLinks.h"
#include "core/SpscQueue.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;
class QWebSocket;

namespace vigil::alpaca {

/// The market data queue: room for a few frames' worth of messages while the engine is busy.
constexpr std::size_t kMarketDataQueueCapacity = 1 << 15;
using MarketDataQueue = SpscQueue<VenueMessage, kMarketDataQueueCapacity>;

struct MarketDataCounters {
    std::uint64_t messages = 0;        ///< quotes and trades pushed (stream and REST)
    std::uint64_t restQuotes = 0;      ///< of them, from REST latest quotes
    std::uint64_t unknownSymbols = 0;  ///< messages of a symbol outside the universe, skipped
    std::uint64_t malformedFrames = 0; ///< frames that were not an array of maps in MessagePack
    std::uint64_t incomplete = 0;      ///< messages lacking a field or out of range, skipped
};

class MarketDataClient final : public QObject {
    Q_OBJECT
public:
    /// `universe`: symbol names by SymbolId. `stop`: the venue's stop flag; a wait on a full
    /// queue ends when it is set.
    MarketDataClient(AlpacaVenueConfig config, BrokerKeyPair keys, std::vector<std::string> universe,
                     MarketDataQueue &queue, Doorbell &engineBell, const std::atomic<bool> &stop,
                     QObject *parent = nullptr);
    ~MarketDataClient() override;

    /// Market data thread: connects, and keeps the stream up until stop().
    Q_INVOKABLE void start();
    /// Market data thread: closes the stream and ends every retry.
    Q_INVOKABLE void stop();

    /// Any thread: whether the session is open now (silence means a fault only then).
    void setMarketOpen(bool open) { m_marketOpen.store(open, std::memory_order_relaxed); }

    /// Any thread: the health panel's view.
    LinkState state() const { return m_state.load(std::memory_order_relaxed); }
    MarketDataSource source() const { return m_source.load(std::memory_order_relaxed); }
    std::uint32_t reconnects() const { return m_reconnects.load(std::memory_order_relaxed); }
    MarketDataCounters counters() const;

private:
    using Clock = std::chrono::steady_clock;

    struct Control {
        StreamMessageType type;
        std::int64_t code;
        std::string text;
    };

    void connectStream();
    void onConnected();
    void onDisconnected();
    void onBinaryFrame(const QByteArray &frame);
    void onTextFrame(const QString &frame);
    void onControl(const Control &control);
    void sendAuth();
    void sendSubscribe();
    /// Down: one more attempt after the backoff's delay (unless one is already waiting).
    void scheduleReconnect(const std::string &why);
    void watch();
    void setFallback(bool on);
    void requestLatestQuotes();
    void onLatestQuotes(QNetworkReply *reply);
    /// A frame (or, `frame` false, a message in it) skipped: counted, logged at most every 10 s.
    void malformed(const char *what, bool frame);
    void updateSource();

    void pushQuote(SymbolId symbol, const StreamMessage &m);
    void pushTrade(SymbolId symbol, const StreamMessage &m);
    void pushLink(LinkEventKind kind, std::int32_t detail);
    void pushFeedStatus(ComponentStatus status);
    /// Waits (Backoff) while the queue is full; false only when `stop` was set meanwhile.
    bool push(VenueMessage &message);
    /// The venue's time for messages of our own (link events): the last message's time.
    SimTime venueNow() const;

    const AlpacaVenueConfig m_config;
    const BrokerKeyPair m_keys;
    const std::vector<std::string> m_universe;
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, SymbolId, NameHash, std::equal_to<>> m_symbols;
    MarketDataQueue &m_queue;
    Doorbell &m_bell;
    const std::atomic<bool> &m_stop;

    QWebSocket *m_socket = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_reconnectTimer = nullptr;
    QTimer *m_watchTimer = nullptr;
    QNetworkReply *m_restReply = nullptr;

    bool m_stopping = false;
    bool m_feedUp = false;   ///< FeedStatus Up sent and no Down since
    bool m_wasDown = false;  ///< a DataStreamDown since the last restore
    bool m_fallback = false; ///< REST latest quotes stand in for the stream
    int m_attempt = 0;       ///< reconnect attempts since the stream was last up
    std::uint64_t m_seq = 0;
    std::uint64_t m_jitterState;
    SimTime m_lastVenueTime = 0;
    Clock::time_point m_connectingSince;
    Clock::time_point m_lastFrame;
    Clock::time_point m_lastRestRequest;
    Clock::time_point m_lastMalformedLog;
    std::uint64_t m_malformedSinceLog = 0;
    std::vector<SimTime> m_lastQuoteTime; ///< by SymbolId: REST quotes older than this are stale
    std::vector<Control> m_controls;      ///< of the frame being read; handled after it

    std::atomic<bool> m_marketOpen{false};
    std::atomic<LinkState> m_state{LinkState::Connecting};
    std::atomic<MarketDataSource> m_source{MarketDataSource::None};
    std::atomic<std::uint32_t> m_reconnects{0};
    std::atomic<std::uint64_t> m_messages{0};
    std::atomic<std::uint64_t> m_restQuotes{0};
    std::atomic<std::uint64_t> m_unknownSymbols{0};
    std::atomic<std::uint64_t> m_malformedFrames{0};
    std::atomic<std::uint64_t> m_incomplete{0};
};

} // namespace vigil::alpaca
