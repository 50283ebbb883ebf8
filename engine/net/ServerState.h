#pragma once
// What the transport's sessions share (internal to net/HttpServer): the io_context, the
// limits, the routes, the TLS context and the register of open connections.
//
// Threads: the network thread, except the register (under its mutex: a session kept alive
// by a handler's pending Respond may be destroyed on another thread after stop()) and
// post() (any thread).

#include "api/Config.h"
#include "net/HttpTypes.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace vigil::gateway {

/// An open connection as stop() sees it.
class Connection {
public:
    virtual ~Connection() = default;
    /// Closes the socket now; the session's pending operations end with an error.
    virtual void abort() = 0;
};

struct ServerState {
    ServerState(GatewayConfig gatewayConfig, Routes serverRoutes, std::size_t wsQueueLimit);

    boost::asio::io_context ioc{1};
    GatewayConfig config;
    Routes routes;
    std::size_t wsQueueBytes;
    std::optional<boost::asio::ssl::context> tls;
    /// Run on the network thread as the server stops (HttpServer::every's timers).
    std::vector<std::function<void()>> onStop;

    /// A new X-Request-ID: 32 hex digits, unique per request (random per server, then a count).
    std::string nextRequestId();

    /// Registers an open connection; its id for release().
    std::uint64_t open(std::weak_ptr<Connection> connection);
    void release(std::uint64_t id);
    std::size_t openCount();
    /// The open connections, for stop(); they stay registered until they close.
    std::vector<std::shared_ptr<Connection>> openConnections();

    /// Runs `function` on the network thread unless the server has stopped.
    void post(std::function<void()> function);
    /// From now on post() drops what it is given.
    void refusePosts();

private:
    std::uint64_t m_requestIdPrefix;
    std::uint64_t m_requestCount = 0;
    std::mutex m_mutex; // guards what follows
    std::map<std::uint64_t, std::weak_ptr<Connection>> m_open;
    std::uint64_t m_nextConnection = 1;
    bool m_refusePosts = false;
};

/// A connection's place under maxConnections, from its registration until it closes or is
/// destroyed, whichever comes first.
class ConnectionSlot {
public:
    ConnectionSlot() = default;
    ConnectionSlot(std::shared_ptr<ServerState> state, std::weak_ptr<Connection> connection);
    ~ConnectionSlot() { release(); }
    ConnectionSlot(const ConnectionSlot &) = delete;
    ConnectionSlot &operator=(const ConnectionSlot &) = delete;
    void release();

private:
    std::shared_ptr<ServerState> m_state;
    std::uint64_t m_id = 0;
};

/// Alpaca's error body: {"code":...,"message":...}.
std::string alpacaError(int code, std::string_view message);

} // namespace vigil::gateway
