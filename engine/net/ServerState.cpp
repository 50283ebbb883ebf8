#include "net/ServerState.h"

#include <boost/asio/post.hpp>

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdio>
#include <random>

namespace vigil::gateway {

namespace {

std::uint64_t randomPrefix()
{
    std::random_device device;
    return (std::uint64_t{device()} << 32) ^ std::uint64_t{device()};
}

} // namespace

ServerState::ServerState(GatewayConfig gatewayConfig, Routes serverRoutes, std::size_t wsQueueLimit)
    : config(std::move(gatewayConfig))
    , routes(std::move(serverRoutes))
    , wsQueueBytes(wsQueueLimit)
    , m_requestIdPrefix(randomPrefix())
{}

std::string ServerState::nextRequestId()
{
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(m_requestIdPrefix),
                  static_cast<unsigned long long>(++m_requestCount));
    return text;
}

std::uint64_t ServerState::open(std::weak_ptr<Connection> connection)
{
    const std::lock_guard lock(m_mutex);
    const std::uint64_t id = m_nextConnection++;
    m_open.emplace(id, std::move(connection));
    return id;
}

void ServerState::release(std::uint64_t id)
{
    const std::lock_guard lock(m_mutex);
    m_open.erase(id);
}

std::size_t ServerState::openCount()
{
    const std::lock_guard lock(m_mutex);
    return m_open.size();
}

std::vector<std::shared_ptr<Connection>> ServerState::openConnections()
{
    std::vector<std::shared_ptr<Connection>> connections;
    const std::lock_guard lock(m_mutex);
    for (const auto &[id, weak] : m_open)
        if (auto connection = weak.lock())
            connections.push_back(std::move(connection));
    return connections;
}

void ServerState::post(std::function<void()> function)
{
    {
        // Checked and posted under the lock: nothing lands in the queue after stop() drained it.
        const std::lock_guard lock(m_mutex);
        if (!m_refusePosts) {
            boost::asio::post(ioc, std::move(function));
            return;
        }
    }
    // Dropped outside the lock: what it holds (a session's Respond) may release a slot.
    function = nullptr;
}

void ServerState::refusePosts()
{
    const std::lock_guard lock(m_mutex);
    m_refusePosts = true;
}

ConnectionSlot::ConnectionSlot(std::shared_ptr<ServerState> state, std::weak_ptr<Connection> connection)
    : m_state(std::move(state))
    , m_id(m_state->open(std::move(connection)))
{}

void ConnectionSlot::release()
{
    if (m_state)
        m_state->release(m_id);
    m_state.reset();
}

std::string alpacaError(int code, std::string_view message)
{
    const QJsonObject body{{QStringLiteral("code"), code},
                           {QStringLiteral("message"), QString::fromUtf8(message.data(), qsizetype(message.size()))}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace vigil::gateway
