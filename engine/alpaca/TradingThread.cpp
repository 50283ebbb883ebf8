#include "alpaca/TradingThread.h"

#include <QMetaObject>

#include <future>

namespace vigil::alpaca {

TradingThread::TradingThread(const AlpacaVenueConfig &config, const BrokerKeyPair &keys, const char *name)
    : m_waitMs(config.requestTimeoutMs + 65'000) // a full budget window, then the request itself
{
    m_thread.setObjectName(QString::fromLatin1(name));
    m_client =
        new RestClient(QString::fromStdString(config.restUrl), keys, config.requestsPerMinute, config.requestTimeoutMs);
    m_client->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_client, &QObject::deleteLater);
    m_thread.start();
}

TradingThread::~TradingThread() { stop(); }

void TradingThread::run(std::function<void()> fn)
{
    QMetaObject::invokeMethod(m_client, std::move(fn), Qt::QueuedConnection);
}

RestResponse TradingThread::call(RestRequest request) const
{
    if (m_stopped.load()) {
        RestResponse none;
        none.error = "the connection to the broker is closed (the venue has stopped)";
        return none;
    }
    auto promise = std::make_shared<std::promise<RestResponse>>();
    std::future<RestResponse> answer = promise->get_future();
    RestClient *client = m_client;
    QMetaObject::invokeMethod(
        client,
        [client, promise, request = std::move(request)]() mutable {
            client->send(std::move(request), [promise](const RestResponse &r) { promise->set_value(r); });
        },
        Qt::QueuedConnection);
    if (answer.wait_for(std::chrono::milliseconds(m_waitMs)) != std::future_status::ready) {
        RestResponse none;
        none.timedOut = true;
        none.error = "the broker's API did not answer within " + std::to_string(m_waitMs / 1000) + " s";
        return none;
    }
    return answer.get();
}

void TradingThread::stop()
{
    m_stopped.store(true);
    if (!m_thread.isRunning())
        return;
    m_thread.quit();
    m_thread.wait();
}

} // namespace vigil::alpaca
