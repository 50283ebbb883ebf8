#include "alpaca/TradeStream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

#include <spdlog/spdlog.h>

namespace vigil::alpaca {

namespace {
constexpr int kPingIntervalMs = 5000;
constexpr int kPongTimeoutMs = 5000;
}

TradeStream::TradeStream(QString url, BrokerKeyPair keys, int reconnectMinMs, int reconnectMaxMs, Callbacks callbacks,
                         QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_keys(std::move(keys))
    , m_backoff(reconnectMinMs, reconnectMaxMs)
    , m_callbacks(std::move(callbacks))
    , m_retry(new QTimer(this))
    , m_ping(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, [this] { open(); });
    m_ping->setInterval(kPingIntervalMs);
    connect(m_ping, &QTimer::timeout, this, [this] {
        if (!m_socket)
            return;
        if (m_awaitingPong) {
            lost("no answer to a ping");
            return;
        }
        m_awaitingPong = true;
        m_socket->ping();
    });
}

TradeStream::~TradeStream() { close(); }

void TradeStream::open()
{
    if (m_closing)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_lostReported = false;
    m_awaitingPong = false;
    if (m_state.load() != LinkState::Reconnecting)
        m_state.store(LinkState::Connecting);
    connect(m_socket, &QWebSocket::connected, this, &TradeStream::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, [this] { lost("the connection closed"); });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { lost("a network error"); });
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { onMessage(text.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &TradeStream::onMessage);
    connect(m_socket, &QWebSocket::pong, this, [this](quint64, const QByteArray &) { m_awaitingPong = false; });
    m_socket->open(QUrl(m_url));
    m_ping->start();
}

void TradeStream::close()
{
    m_closing = true;
    m_retry->stop();
    m_ping->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
}

void TradeStream::dropForTest()
{
    if (m_socket)
        m_socket->abort();
}

void TradeStream::onConnected()
{
    QJsonObject data{{QStringLiteral("key_id"), QString::fromStdString(m_keys.keyId)},
                     {QStringLiteral("secret_key"), QString::fromStdString(m_keys.secret)}};
    const QJsonObject auth{{QStringLiteral("action"), QStringLiteral("authenticate")}, {QStringLiteral("data"), data}};
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
}

void TradeStream::onMessage(const QByteArray &frame)
{
    m_awaitingPong = false; // anything from the peer shows it is alive
    Read<TradeStreamMessage> read = readStreamMessage(frame);
    if (auto *error = std::get_if<std::string>(&read)) {
        spdlog::error("alpaca trade stream: a message could not be read: {}", *error);
        return;
    }
    const TradeStreamMessage &m = std::get<TradeStreamMessage>(read);
    if (m.stream == "authorization") {
        if (m.status != "authorized") {
            spdlog::error("alpaca trade stream: the broker refused the key pair ({})", m.status);
            lost("the key pair was refused");
            return;
        }
        const QJsonObject listen{{QStringLiteral("action"), QStringLiteral("listen")},
                                 {QStringLiteral("data"), QJsonObject{{QStringLiteral("streams"),
                                                                       QJsonArray{QStringLiteral("trade_updates")}}}}};
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(listen).toJson(QJsonDocument::Compact)));
    } else if (m.stream == "listening") {
        m_backoff.reset();
        m_state.store(LinkState::CatchingUp);
        if (m_callbacks.listening)
            m_callbacks.listening();
    } else if (m.stream == "error") {
        spdlog::error("alpaca trade stream: the broker answered an error: {}", m.status);
    } else if (m.update && m_callbacks.update) {
        m_callbacks.update(*m.update);
    }
}

void TradeStream::lost(const char *why)
{
    if (m_closing || m_lostReported)
        return;
    m_lostReported = true;
    m_ping->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_state.store(LinkState::Reconnecting);
    m_reconnects.fetch_add(1, std::memory_order_relaxed);
    const int delay = m_backoff.nextDelayMs();
    spdlog::warn("alpaca trade stream lost ({}); reconnecting in {} ms (attempt {})", why, delay, m_backoff.attempts());
    if (m_callbacks.down)
        m_callbacks.down(m_backoff.attempts());
    m_retry->start(delay);
}

} // namespace vigil::alpaca
