#include "alpaca/MarketDataClient.h"

#include "alpaca/LatestQuotes.h"
#include "core/Random.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <msgpack.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace vigil::alpaca {

namespace {

/// msgpack-cxx's packer writes into a QByteArray through this.
struct ByteSink {
    QByteArray &out;
    void write(const char *data, std::size_t size) { out.append(data, static_cast<qsizetype>(size)); }
};

void packText(msgpack::packer<ByteSink> &pk, std::string_view s)
{
    pk.pack_str(static_cast<std::uint32_t>(s.size()));
    pk.pack_str_body(s.data(), static_cast<std::uint32_t>(s.size()));
}

/// What an error code of the stream means (Alpaca's list).
const char *meaning(std::int64_t code)
{
    switch (code) {
    case 400: return "invalid syntax";
    case 401: return "not authenticated";
    case 402: return "auth failed: the key pair was refused, check it";
    case 403: return "already authenticated";
    case 404: return "auth timeout";
    case 405: return "symbol limit exceeded";
    case 406: return "connection limit exceeded: another session uses this account's feed";
    case 407: return "slow client";
    case 408: return "v2 not enabled";
    case 409: return "insufficient subscription: the account has no access to this feed";
    case 410: return "invalid subscribe action for this feed";
    case 411: return "insufficient scope";
    case 500: return "internal error at the server";
    default: return "error";
    }
}

constexpr auto kMalformedLogInterval = std::chrono::seconds(10);

} // namespace

MarketDataClient::MarketDataClient(AlpacaVenueConfig config, BrokerKeyPair keys, std::vector<std::string> universe,
                                   MarketDataQueue &queue, Doorbell &engineBell, const std::atomic<bool> &stop,
                                   QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_keys(std::move(keys))
    , m_universe(std::move(universe))
    , m_queue(queue)
    , m_bell(engineBell)
    , m_stop(stop)
    , m_jitterState(static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()))
    , m_lastQuoteTime(m_universe.size(), 0)
{
    for (std::size_t i = 0; i < m_universe.size(); ++i)
        m_symbols.emplace(m_universe[i], static_cast<SymbolId>(i));
}

MarketDataClient::~MarketDataClient() = default;

MarketDataCounters MarketDataClient::counters() const
{
    MarketDataCounters c;
    c.messages = m_messages.load(std::memory_order_relaxed);
    c.restQuotes = m_restQuotes.load(std::memory_order_relaxed);
    c.unknownSymbols = m_unknownSymbols.load(std::memory_order_relaxed);
    c.malformedFrames = m_malformedFrames.load(std::memory_order_relaxed);
    c.incomplete = m_incomplete.load(std::memory_order_relaxed);
    return c;
}

void MarketDataClient::start()
{
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_network = new QNetworkAccessManager(this);
    m_reconnectTimer = new QTimer(this);
    m_reconnectTimer->setSingleShot(true);
    m_watchTimer = new QTimer(this);
    // Often enough that silence and the REST interval are noticed within a fifth of them.
    m_watchTimer->setInterval(
        std::clamp(std::min(m_config.dataSilenceMs, m_config.restFallbackIntervalMs) / 5, 10, 250));

    connect(m_socket, &QWebSocket::connected, this, &MarketDataClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &MarketDataClient::onDisconnected);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &MarketDataClient::onBinaryFrame);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &MarketDataClient::onTextFrame);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                // A connection that never opened emits no disconnected(): retry from here too.
                if (m_socket->state() == QAbstractSocket::UnconnectedState)
                    scheduleReconnect(m_socket->errorString().toStdString());
            });
    connect(m_reconnectTimer, &QTimer::timeout, this, &MarketDataClient::connectStream);
    connect(m_watchTimer, &QTimer::timeout, this, &MarketDataClient::watch);
    m_watchTimer->start();
    m_lastFrame = Clock::now();
    connectStream();
}

void MarketDataClient::stop()
{
    m_stopping = true;
    if (m_reconnectTimer)
        m_reconnectTimer->stop();
    if (m_watchTimer)
        m_watchTimer->stop();
    if (m_restReply)
        m_restReply->abort();
    if (m_socket)
        m_socket->abort();
}

void MarketDataClient::connectStream()
{
    if (m_stopping)
        return;
    m_state.store(LinkState::Connecting, std::memory_order_relaxed);
    updateSource();
    m_connectingSince = Clock::now();
    const std::string url = m_config.dataStreamUrl + "/" + std::string(toString(m_config.feed));
    QNetworkRequest request(QUrl(QString::fromStdString(url)));
    // MessagePack, as Alpaca's SDKs ask for it.
    request.setRawHeader("Content-Type", "application/msgpack");
    m_socket->open(request);
}

void MarketDataClient::onConnected()
{
    spdlog::info("market data: connected to {}/{}; authenticating", m_config.dataStreamUrl, toString(m_config.feed));
}

void MarketDataClient::onDisconnected()
{
    if (m_stopping)
        return;
    const QString reason = m_socket->closeReason();
    scheduleReconnect(reason.isEmpty() ? "the connection closed" : "closed: " + reason.toStdString());
}

void MarketDataClient::scheduleReconnect(const std::string &why)
{
    if (m_stopping || m_reconnectTimer->isActive())
        return;
    ++m_attempt;
    // reconnect_min_ms doubling up to reconnect_max_ms, then ±20 % so that many clients
    // do not come back in step.
    const double base =
        std::min(static_cast<double>(m_config.reconnectMaxMs),
                 static_cast<double>(m_config.reconnectMinMs) * std::pow(2.0, std::min(m_attempt - 1, 30)));
    const double unit = static_cast<double>(splitmix64(m_jitterState) >> 11) / static_cast<double>(1ULL << 53);
    const int delay = static_cast<int>(std::lround(base * (0.8 + 0.4 * unit)));
    m_reconnects.fetch_add(1, std::memory_order_relaxed);
    m_state.store(LinkState::Reconnecting, std::memory_order_relaxed);
    m_wasDown = true;
    if (m_feedUp) {
        m_feedUp = false;
        pushFeedStatus(ComponentStatus::Down);
    }
    pushLink(LinkEventKind::DataStreamDown, m_attempt);
    updateSource();
    m_bell.ring();
    spdlog::warn("market data: stream down ({}); reconnecting in {} ms (attempt {})", why, delay, m_attempt);
    // The timer first: an abort() may report the close at once, and this is then a no-op.
    m_reconnectTimer->start(delay);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

void MarketDataClient::onBinaryFrame(const QByteArray &frame)
{
    m_lastFrame = Clock::now();
    std::uint64_t pushed = 0;
    std::uint64_t unknown = 0;
    const FrameResult result =
        decodeFrame(frame.constData(), static_cast<std::size_t>(frame.size()), [&](const StreamMessage &m) {
            switch (m.type) {
            case StreamMessageType::Quote:
            case StreamMessageType::Trade: {
                const auto it = m_symbols.find(m.symbol);
                if (it == m_symbols.end()) {
                    ++unknown;
                    return;
                }
                if (m.type == StreamMessageType::Quote)
                    pushQuote(it->second, m);
                else
                    pushTrade(it->second, m);
                ++pushed;
                return;
            }
            case StreamMessageType::Success:
            case StreamMessageType::Error:
            case StreamMessageType::Subscription: m_controls.push_back({m.type, m.code, std::string(m.text)}); return;
            case StreamMessageType::Bar:
            case StreamMessageType::Other: return;
            }
        });
    if (pushed != 0) {
        m_bell.ring();
        m_messages.fetch_add(pushed, std::memory_order_relaxed);
        if (m_fallback)
            setFallback(false);
    }
    if (unknown != 0)
        m_unknownSymbols.fetch_add(unknown, std::memory_order_relaxed);
    if (result.incomplete != 0)
        m_incomplete.fetch_add(result.incomplete, std::memory_order_relaxed);
    if (result.error)
        malformed(result.error, /*frame*/ true);
    else if (result.incomplete != 0)
        malformed("a message lacking a field, or one out of range", /*frame*/ false);
    if (!m_controls.empty()) {
        std::vector<Control> controls;
        controls.swap(m_controls);
        for (const Control &control : controls)
            onControl(control);
    }
}

void MarketDataClient::onTextFrame(const QString &)
{
    m_lastFrame = Clock::now();
    // We asked for MessagePack; a server that answers in JSON is not one we can read.
    malformed("a text frame on a MessagePack stream", /*frame*/ true);
}

void MarketDataClient::malformed(const char *what, bool frame)
{
    if (frame)
        m_malformedFrames.fetch_add(1, std::memory_order_relaxed);
    ++m_malformedSinceLog;
    const Clock::time_point now = Clock::now();
    if (m_malformedSinceLog == 1 || now - m_lastMalformedLog >= kMalformedLogInterval) {
        spdlog::warn("market data: a frame skipped ({}); {} such frame(s) since the last report", what,
                     m_malformedSinceLog);
        m_malformedSinceLog = 0;
        m_lastMalformedLog = now;
    }
}

void MarketDataClient::onControl(const Control &control)
{
    if (control.type == StreamMessageType::Error) {
        spdlog::error("market data: the stream answered error {} ({}): {}", control.code, control.text,
                      meaning(control.code));
        // Before the subscription stands, an error means this session will not deliver:
        // drop it and try again after the backoff (a refused key does not spin).
        if (m_state.load(std::memory_order_relaxed) != LinkState::Up)
            scheduleReconnect("error " + std::to_string(control.code));
        return;
    }
    if (control.type == StreamMessageType::Success) {
        if (control.text == "connected")
            sendAuth();
        else if (control.text == "authenticated")
            sendSubscribe();
        return;
    }
    // The subscription: the stream is live.
    const bool restored = m_wasDown;
    m_attempt = 0;
    m_wasDown = false;
    m_lastFrame = Clock::now();
    m_state.store(LinkState::Up, std::memory_order_relaxed);
    if (!m_feedUp) {
        m_feedUp = true;
        pushFeedStatus(ComponentStatus::Up);
    }
    if (restored)
        pushLink(LinkEventKind::DataStreamRestored, 0);
    updateSource();
    m_bell.ring();
    spdlog::info("market data: {} subscribed to the quotes and trades of {} symbols", restored ? "restored," : "live,",
                 m_universe.size());
}

void MarketDataClient::sendAuth()
{
    QByteArray out;
    ByteSink sink{out};
    msgpack::packer<ByteSink> pk(sink);
    pk.pack_map(3);
    packText(pk, "action");
    packText(pk, "auth");
    packText(pk, "key");
    packText(pk, m_keys.keyId);
    packText(pk, "secret");
    packText(pk, m_keys.secret);
    m_socket->sendBinaryMessage(out);
}

void MarketDataClient::sendSubscribe()
{
    QByteArray out;
    ByteSink sink{out};
    msgpack::packer<ByteSink> pk(sink);
    pk.pack_map(3);
    packText(pk, "action");
    packText(pk, "subscribe");
    for (const char *channel : {"trades", "quotes"}) {
        packText(pk, channel);
        pk.pack_array(static_cast<std::uint32_t>(m_universe.size()));
        for (const std::string &symbol : m_universe)
            packText(pk, symbol);
    }
    m_socket->sendBinaryMessage(out);
}

void MarketDataClient::watch()
{
    if (m_stopping)
        return;
    const Clock::time_point now = Clock::now();
    const auto silence = std::chrono::milliseconds(m_config.dataSilenceMs);
    const bool open = m_marketOpen.load(std::memory_order_relaxed);
    const LinkState state = m_state.load(std::memory_order_relaxed);
    const bool silent = now - m_lastFrame > silence;

    if (state == LinkState::Up && open && silent) {
        // A stalled connection never recovers by itself: close it and start again.
        m_state.store(LinkState::Stalled, std::memory_order_relaxed);
        scheduleReconnect("silent for more than " + std::to_string(m_config.dataSilenceMs) + " ms");
    } else if (state == LinkState::Connecting
               && now - m_connectingSince
                      > std::chrono::milliseconds(std::max(m_config.dataSilenceMs, m_config.requestTimeoutMs))) {
        scheduleReconnect("no subscription within "
                          + std::to_string(std::max(m_config.dataSilenceMs, m_config.requestTimeoutMs))
                          + " ms of connecting");
    }

    const bool streamDelivers = m_state.load(std::memory_order_relaxed) == LinkState::Up && !silent;
    if (open && !streamDelivers && !m_fallback)
        setFallback(true);
    else if (!open && m_fallback)
        setFallback(false);
    if (m_fallback && !m_restReply
        && now - m_lastRestRequest >= std::chrono::milliseconds(m_config.restFallbackIntervalMs))
        requestLatestQuotes();
}

void MarketDataClient::setFallback(bool on)
{
    m_fallback = on;
    pushLink(on ? LinkEventKind::RestFallbackOn : LinkEventKind::RestFallbackOff, 0);
    updateSource();
    m_bell.ring();
    if (on)
        spdlog::warn("market data: the stream is away in market hours; REST latest quotes every {} ms until it "
                     "delivers again",
                     m_config.restFallbackIntervalMs);
    else
        spdlog::info("market data: back on the stream");
}

void MarketDataClient::updateSource()
{
    MarketDataSource source = MarketDataSource::None;
    if (m_fallback)
        source = MarketDataSource::RestFallback;
    else if (m_state.load(std::memory_order_relaxed) == LinkState::Up)
        source = MarketDataSource::Stream;
    m_source.store(source, std::memory_order_relaxed);
}

void MarketDataClient::requestLatestQuotes()
{
    m_lastRestRequest = Clock::now();
    std::string symbols;
    for (const std::string &symbol : m_universe)
        symbols += (symbols.empty() ? "" : ",") + symbol;
    QUrl url(QString::fromStdString(m_config.dataRestUrl + "/v2/stocks/quotes/latest"));
    url.setQuery(QStringLiteral("symbols=%1&feed=%2")
                     .arg(QString::fromStdString(symbols), QString::fromUtf8(toString(m_config.feed))));
    QNetworkRequest request(url);
    request.setRawHeader("APCA-API-KEY-ID", QByteArray::fromStdString(m_keys.keyId));
    request.setRawHeader("APCA-API-SECRET-KEY", QByteArray::fromStdString(m_keys.secret));
    request.setTransferTimeout(m_config.requestTimeoutMs);
    m_restReply = m_network->get(request);
    connect(m_restReply, &QNetworkReply::finished, this, [this, reply = m_restReply] { onLatestQuotes(reply); });
}

void MarketDataClient::onLatestQuotes(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply == m_restReply)
        m_restReply = nullptr;
    if (m_stopping)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        // The error string names the URL at most: the keys travel in headers only.
        spdlog::warn("market data: REST latest quotes failed (HTTP {}): {}", status,
                     reply->errorString().toStdString());
        return;
    }
    std::vector<LatestQuote> quotes;
    const std::string problem = parseLatestQuotes(reply->readAll(), quotes);
    if (!problem.empty())
        spdlog::warn("market data: REST latest quotes: {}", problem);
    std::uint64_t pushed = 0;
    for (const LatestQuote &q : quotes) {
        const auto it = m_symbols.find(q.symbol);
        if (it == m_symbols.end())
            continue;
        // Only what is newer than the last quote of the symbol, from either source.
        if (q.time <= m_lastQuoteTime[it->second])
            continue;
        StreamMessage m;
        m.type = StreamMessageType::Quote;
        m.bid = q.bid;
        m.ask = q.ask;
        m.bidSize = q.bidSize;
        m.askSize = q.askSize;
        m.time = q.time;
        pushQuote(it->second, m);
        ++pushed;
    }
    if (pushed != 0) {
        m_bell.ring();
        m_messages.fetch_add(pushed, std::memory_order_relaxed);
        m_restQuotes.fetch_add(pushed, std::memory_order_relaxed);
    }
}

void MarketDataClient::pushQuote(SymbolId symbol, const StreamMessage &m)
{
    VenueMessage message;
    message.kind = VenueMessage::Kind::Quote;
    message.exchangeTime = m.time;
    message.time = m.time;
    message.quote = Quote{symbol, m.bid, m.ask, m.bidSize, m.askSize};
    m_lastQuoteTime[symbol] = std::max(m_lastQuoteTime[symbol], m.time);
    m_lastVenueTime = std::max(m_lastVenueTime, m.time);
    push(message);
}

void MarketDataClient::pushTrade(SymbolId symbol, const StreamMessage &m)
{
    VenueMessage message;
    message.kind = VenueMessage::Kind::Trade;
    message.exchangeTime = m.time;
    message.time = m.time;
    message.trade = TradePrint{symbol, m.price, m.size};
    m_lastVenueTime = std::max(m_lastVenueTime, m.time);
    push(message);
}

void MarketDataClient::pushLink(LinkEventKind kind, std::int32_t detail)
{
    VenueMessage message;
    message.kind = VenueMessage::Kind::Link;
    message.exchangeTime = venueNow();
    message.time = message.exchangeTime;
    message.link = LinkEvent{kind, detail};
    push(message);
}

void MarketDataClient::pushFeedStatus(ComponentStatus status)
{
    VenueMessage message;
    message.kind = VenueMessage::Kind::FeedStatus;
    message.exchangeTime = venueNow();
    message.time = message.exchangeTime;
    message.status = status;
    push(message);
}

SimTime MarketDataClient::venueNow() const { return m_lastVenueTime != 0 ? m_lastVenueTime : utcNowNs(); }

bool MarketDataClient::push(VenueMessage &message)
{
    message.seq = ++m_seq;
    if (m_queue.tryPush(message))
        return true;
    // Full: the engine drains it; make sure it is awake, then wait our turn.
    m_bell.ring();
    Backoff backoff;
    while (!m_queue.tryPush(message)) {
        if (m_stop.load(std::memory_order_relaxed))
            return false;
        backoff.pause();
    }
    return true;
}

} // namespace vigil::alpaca
