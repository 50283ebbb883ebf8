#pragma once
// Alpaca's REST API, from the venue's trading thread: one QNetworkAccessManager, the key
// pair's headers on every request, a timeout on every request, and a client-side budget
// that keeps the account under Alpaca's limit (200 requests a minute).
//
// The budget is a sliding window: at most `perMinute` requests sent in any 60 s. What
// exceeds it waits in a queue served by priority, so that when the budget is tight the
// kill switch's and the cancels' requests go before reads and reads before new orders. A
// 429 answer is not an answer: the request goes back to the front of its queue and nothing
// is sent until X-Ratelimit-Reset (epoch seconds; 1 s when absent). X-Ratelimit-Remaining 0
// on any answer waits for the reset the same way.
//
// Errors never carry the key or the secret: they name the method, the path and what went
// wrong (the HTTP status and Alpaca's message, a timeout, the network's error).
//
// Threads: construction and everything else on the thread the client lives on (the
// venue's trading thread, with its event loop); usage() from any thread.

#include "api/BrokerKeys.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrlQuery>

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>

class QNetworkAccessManager;
class QTimer;

namespace vigil::alpaca {

/// Who goes first when the budget is short (the lower, the sooner).
enum class Priority : std::uint8_t { Kill, Cancel, Read, NewOrder };

struct RestRequest {
    QByteArray method; ///< GET, POST, DELETE
    QString path;      ///< "/v2/orders"
    QUrlQuery query;
    QByteArray body; ///< JSON, POST only
    Priority priority = Priority::Read;
};

struct RestResponse {
    int status = 0; ///< HTTP status; 0: no answer (timeout or network error; see error)
    QByteArray body;
    bool timedOut = false;
    std::string error; ///< empty when status is 2xx

    /// No answer, or a 5xx: the request may or may not have been acted on.
    bool outcomeUnknown() const { return status == 0 || status >= 500; }
};

struct BudgetUsage {
    std::int32_t sentLastMinute = 0;
    std::int32_t perMinute = 0;
    std::int32_t waiting = 0;
    std::int64_t pausedUntilNs = 0; ///< utcNowNs() of a 429's reset; 0 if none
};

class RestClient : public QObject {
public:
    using Done = std::function<void(const RestResponse &)>;

    RestClient(QString baseUrl, BrokerKeyPair keys, int perMinute, int timeoutMs, QObject *parent = nullptr);
    ~RestClient() override;

    /// Queues `request`; `done` runs on this thread with its answer (never before this returns).
    void send(RestRequest request, Done done);
    /// Any thread.
    BudgetUsage usage() const;
    /// Called (on this thread) with the seconds to wait when a 429 arrived.
    void onRateLimited(std::function<void(int seconds)> callback) { m_rateLimited = std::move(callback); }
    /// Requests sent since construction (tests; the benchmark's count).
    std::uint64_t sentCount() const { return m_sent; }

private:
    struct Pending {
        RestRequest request;
        Done done;
    };
    void pump();
    void dispatch(Pending pending);
    void pauseUntil(std::int64_t utcNs);
    std::int32_t sentInWindow(std::int64_t nowNs);

    QString m_base;
    BrokerKeyPair m_keys;
    int m_perMinute;
    int m_timeoutMs;
    QNetworkAccessManager *m_manager;
    QTimer *m_timer;                      ///< the next pump when the budget or a pause frees up
    std::deque<Pending> m_queues[4];      ///< by Priority
    std::deque<std::int64_t> m_sentTimes; ///< steady ns of requests sent in the last 60 s
    std::int64_t m_pausedUntilUtc = 0;
    std::uint64_t m_sent = 0;
    std::function<void(int)> m_rateLimited;
    std::atomic<std::int32_t> m_usageSent{0};
    std::atomic<std::int32_t> m_usageWaiting{0};
    std::atomic<std::int64_t> m_usagePaused{0};
};

} // namespace vigil::alpaca
