#include "alpaca/RestClient.h"

#include "api/Time.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace vigil::alpaca {

namespace {
constexpr std::int64_t kWindowNs = 60 * kNsPerSecond;

std::int64_t steadyNs() { return wallNowNs(); }

/// The epoch second a 429's X-Ratelimit-Reset names, as utcNowNs(); a second from now when
/// it is absent or already past.
std::int64_t resetAt(const QNetworkReply &reply)
{
    bool ok = false;
    const qint64 epoch = reply.rawHeader("X-Ratelimit-Reset").trimmed().toLongLong(&ok);
    const std::int64_t now = utcNowNs();
    const std::int64_t at = ok ? std::int64_t{epoch} * kNsPerSecond : 0;
    return std::max(at, now + kNsPerSecond);
}
}

RestClient::RestClient(QString baseUrl, BrokerKeyPair keys, int perMinute, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_base(std::move(baseUrl))
    , m_keys(std::move(keys))
    , m_perMinute(std::max(perMinute, 1))
    , m_timeoutMs(timeoutMs)
    , m_manager(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    while (m_base.endsWith(QLatin1Char('/')))
        m_base.chop(1);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { pump(); });
}

RestClient::~RestClient() = default;

void RestClient::send(RestRequest request, Done done)
{
    const auto p = static_cast<std::size_t>(request.priority);
    m_queues[p].push_back({std::move(request), std::move(done)});
    m_usageWaiting.fetch_add(1, std::memory_order_relaxed);
    QTimer::singleShot(0, this, [this] { pump(); });
}

BudgetUsage RestClient::usage() const
{
    BudgetUsage u;
    u.sentLastMinute = m_usageSent.load(std::memory_order_relaxed);
    u.perMinute = m_perMinute;
    u.waiting = m_usageWaiting.load(std::memory_order_relaxed);
    const std::int64_t paused = m_usagePaused.load(std::memory_order_relaxed);
    u.pausedUntilNs = paused > utcNowNs() ? paused : 0;
    return u;
}

std::int32_t RestClient::sentInWindow(std::int64_t nowNs)
{
    while (!m_sentTimes.empty() && m_sentTimes.front() <= nowNs - kWindowNs)
        m_sentTimes.pop_front();
    const auto n = static_cast<std::int32_t>(m_sentTimes.size());
    m_usageSent.store(n, std::memory_order_relaxed);
    return n;
}

void RestClient::pump()
{
    for (;;) {
        auto queue = std::find_if(std::begin(m_queues), std::end(m_queues), [](const auto &q) { return !q.empty(); });
        if (queue == std::end(m_queues))
            return;
        const std::int64_t utc = utcNowNs();
        if (m_pausedUntilUtc > utc) {
            m_timer->start(static_cast<int>((m_pausedUntilUtc - utc) / kNsPerMs) + 1);
            return;
        }
        const std::int64_t now = steadyNs();
        if (sentInWindow(now) >= m_perMinute) {
            const std::int64_t freeAt = m_sentTimes.front() + kWindowNs;
            m_timer->start(static_cast<int>((freeAt - now) / kNsPerMs) + 1);
            return;
        }
        Pending pending = std::move(queue->front());
        queue->pop_front();
        m_usageWaiting.fetch_sub(1, std::memory_order_relaxed);
        m_sentTimes.push_back(now);
        m_usageSent.store(static_cast<std::int32_t>(m_sentTimes.size()), std::memory_order_relaxed);
        dispatch(std::move(pending));
    }
}

void RestClient::pauseUntil(std::int64_t utcNs)
{
    m_pausedUntilUtc = std::max(m_pausedUntilUtc, utcNs);
    m_usagePaused.store(m_pausedUntilUtc, std::memory_order_relaxed);
}

void RestClient::dispatch(Pending pending)
{
    QUrl url(m_base + pending.request.path);
    if (!pending.request.query.isEmpty())
        url.setQuery(pending.request.query);
    QNetworkRequest request(url);
    request.setRawHeader("APCA-API-KEY-ID", QByteArray::fromStdString(m_keys.keyId));
    request.setRawHeader("APCA-API-SECRET-KEY", QByteArray::fromStdString(m_keys.secret));
    request.setRawHeader("Accept", "application/json");
    if (!pending.request.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    // A redirect would carry the keys to wherever it points: never followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    ++m_sent;
    QNetworkReply *reply = m_manager->sendCustomRequest(request, pending.request.method, pending.request.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending = std::move(pending)]() mutable {
        reply->deleteLater();
        RestResponse r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        const std::string what = pending.request.method.toStdString() + " " + pending.request.path.toStdString();
        if (r.status == 429) {
            const std::int64_t at = resetAt(*reply);
            pauseUntil(at);
            if (m_rateLimited)
                m_rateLimited(static_cast<int>((at - utcNowNs() + kNsPerSecond - 1) / kNsPerSecond));
            // Not an answer: it goes again, first of its kind, once the reset has passed.
            const auto p = static_cast<std::size_t>(pending.request.priority);
            m_queues[p].push_front(std::move(pending));
            m_usageWaiting.fetch_add(1, std::memory_order_relaxed);
            pump();
            return;
        }
        if (reply->rawHeader("X-Ratelimit-Remaining").trimmed() == "0")
            pauseUntil(resetAt(*reply));
        if (r.status == 0) {
            r.timedOut = reply->error() == QNetworkReply::OperationCanceledError
                         || reply->error() == QNetworkReply::TimeoutError;
            r.error = what + ": "
                      + (r.timedOut ? std::string("no answer within ") + std::to_string(m_timeoutMs) + " ms"
                                    : reply->errorString().toStdString());
        } else if (r.status < 200 || r.status >= 300) {
            r.error = what + ": HTTP " + std::to_string(r.status);
            if (!r.body.isEmpty())
                r.error += " (" + QString::fromUtf8(r.body.left(300)).simplified().toStdString() + ")";
        }
        pending.done(r);
        pump();
    });
}

} // namespace vigil::alpaca
