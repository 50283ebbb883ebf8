#include "alpaca/MarketDataSide.h"

#include <QMetaObject>
#include <QThread>

#include <atomic>

namespace vigil::alpaca {

struct MarketDataSide::Impl {
    QThread thread;
    std::atomic<MarketDataClient *> client{nullptr}; ///< lives on `thread`; deleted there when it finishes
    bool started = false;
};

MarketDataSide::MarketDataSide(const AlpacaVenueConfig &config, const BrokerKeyPair &keys,
                               std::vector<std::string> universe, MarketDataQueue &queue, Doorbell &bell,
                               const std::atomic<bool> &stop)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->thread.setObjectName(QStringLiteral("alpaca-data"));
    auto *client = new MarketDataClient(config, keys, std::move(universe), queue, bell, stop);
    client->moveToThread(&m_impl->thread);
    QObject::connect(&m_impl->thread, &QThread::finished, client, &QObject::deleteLater);
    m_impl->client.store(client);
}

MarketDataSide::~MarketDataSide() { stop(); }

void MarketDataSide::start()
{
    if (m_impl->started)
        return;
    m_impl->started = true;
    m_impl->thread.start();
    QMetaObject::invokeMethod(m_impl->client.load(), "start", Qt::QueuedConnection);
}

void MarketDataSide::stop()
{
    if (!m_impl->thread.isRunning()) {
        if (!m_impl->started)
            delete m_impl->client.exchange(nullptr); // its thread never ran
        m_impl->client.store(nullptr);
        m_impl->started = true;
        return;
    }
    QMetaObject::invokeMethod(m_impl->client.exchange(nullptr), "stop", Qt::BlockingQueuedConnection);
    // (deleted on its thread as the thread finishes)
    m_impl->thread.quit();
    m_impl->thread.wait();
}

void MarketDataSide::setMarketOpen(bool open)
{
    if (MarketDataClient *client = m_impl->client.load())
        client->setMarketOpen(open);
}

// (The client is only ever deleted after the venue's engine thread, the one reader, ended.)
LinkState MarketDataSide::state() const
{
    const MarketDataClient *client = m_impl->client.load();
    return client ? client->state() : LinkState::Connecting;
}
MarketDataSource MarketDataSide::source() const
{
    const MarketDataClient *client = m_impl->client.load();
    return client ? client->source() : MarketDataSource::None;
}
std::uint32_t MarketDataSide::reconnects() const
{
    const MarketDataClient *client = m_impl->client.load();
    return client ? client->reconnects() : 0;
}

} // namespace vigil::alpaca
