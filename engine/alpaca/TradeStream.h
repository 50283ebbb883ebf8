#pragma once
// Alpaca's trade_updates stream (`/stream`), from the venue's trading thread: connect,
// authenticate with the key pair, listen to trade_updates, and hand each update on. The
// messages are JSON in binary frames (paper) or text frames; both are read.
//
// It heals itself: a connection that drops, errs, or stays silent to a ping for
// kPongTimeoutMs is closed and opened again after ReconnectBackoff's delay, then
// authenticates and listens again. The stream replays nothing, so `listening` is the
// owner's cue to fetch what the gap may have hidden before it trusts the stream again;
// `down` tells it the stream can no longer be trusted. An unauthorized answer is logged as
// the keys refused and retried at the backoff's pace, never in a tight loop.
//
// Threads: construction and everything else on the thread it lives on (the trading thread).

#include "alpaca/AlpacaWire.h"
#include "alpaca/Backoff.h"
#include "api/BrokerKeys.h"
#include "api/VenueLinks.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

class QWebSocket;
class QTimer;

namespace vigil::alpaca {

class TradeStream : public QObject {
public:
    struct Callbacks {
        std::function<void(const WireUpdate &)> update;
        std::function<void()> listening;       ///< (again) authorized and listening
        std::function<void(int attempt)> down; ///< lost; the next attempt is scheduled
    };

    TradeStream(QString url, BrokerKeyPair keys, int reconnectMinMs, int reconnectMaxMs, Callbacks callbacks,
                QObject *parent = nullptr);
    ~TradeStream() override;

    void open();
    void close();
    /// Any thread.
    LinkState state() const { return m_state.load(std::memory_order_relaxed); }
    std::uint32_t reconnects() const { return m_reconnects.load(std::memory_order_relaxed); }
    /// The owner caught up after (re)listening: the stream is trusted again.
    void markCaughtUp() { m_state.store(LinkState::Up, std::memory_order_relaxed); }
    /// Drops the connection now, as a network fault would (tests).
    void dropForTest();

private:
    void onConnected();
    void onMessage(const QByteArray &frame);
    void lost(const char *why);

    QString m_url;
    BrokerKeyPair m_keys;
    ReconnectBackoff m_backoff;
    Callbacks m_callbacks;
    QWebSocket *m_socket = nullptr;
    QTimer *m_retry;
    QTimer *m_ping;
    bool m_awaitingPong = false;
    bool m_closing = false;
    bool m_lostReported = false;
    std::atomic<LinkState> m_state{LinkState::Connecting};
    std::atomic<std::uint32_t> m_reconnects{0};
};

} // namespace vigil::alpaca
