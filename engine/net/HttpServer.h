#pragma once
// The gateway's transport: HTTP/1.1 (keep-alive) and WebSocket, plain or TLS, with
// Boost.Beast on one io_context that runs on a thread of its own, the "network thread".
// It parses and frames; what a request means is Routes' business (net/HttpTypes.h).
//
// Limits, from [gateway]: a connection beyond maxConnections is closed at once; a request
// body over maxBodyBytes is answered 413; a request not whole within requestTimeoutMs (or a
// response its client does not take within it) closes its connection; a malformed request
// is answered 400 and its connection closed. A WebSocket's sends queue up to a bound of
// bytes; a peer that lets its queue fill is closed (a slow consumer never holds the thread).
//
// Threads: construction, start(), stop() and the destructor on the controlling thread;
// port() and tls() after start() on any thread; poster() on any thread, and the function it
// returns too. Routes' handlers, Respond and WsConnection run on the network thread only.

#include "api/Config.h"
#include "gateway/GatewayHub.h"
#include "net/HttpTypes.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <thread>

namespace vigil::gateway {

struct ServerState;
class Listener;

class HttpServer {
public:
    /// A WebSocket's send queue holds at most this many bytes unless told otherwise.
    static constexpr std::size_t kDefaultWsQueueBytes = std::size_t{8} << 20;

    HttpServer(GatewayConfig config, Routes routes, std::size_t wsQueueBytes = kDefaultWsQueueBytes);
    /// Stops.
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    /// Checks the address and the TLS settings, loads the certificate and key, binds and
    /// listens, then starts the network thread. Throws std::runtime_error naming the setting
    /// or the cause (a non-loopback address without TLS, an address that is not one, a port
    /// in use, a certificate or key that cannot be read). Once.
    void start();
    /// Before start(): runs `task` on the network thread every `period` until stop() (the
    /// market data stream's sweep of silent clients while no ticks flow).
    void every(std::chrono::milliseconds period, std::function<void()> task);
    /// Closes the listener and every connection (WebSocket handlers get onClosed), lets the
    /// network thread finish what is under way and joins it. Idempotent.
    void stop();

    /// The bound port: the configured one, or the one the system chose for port 0.
    std::uint16_t port() const { return m_port; }
    bool tls() const;
    /// Runs a function on the network thread (GatewayHub::setPoster). Once the server has
    /// stopped, the function is dropped unrun (destroyed on the caller's thread).
    Poster poster() const;

private:
    std::shared_ptr<ServerState> m_state;
    std::shared_ptr<Listener> m_listener;
    std::thread m_thread;
    std::future<void> m_ran; // ready when the network thread's run has ended
    std::uint16_t m_port = 0;
    bool m_started = false;
};

} // namespace vigil::gateway
