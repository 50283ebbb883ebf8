#pragma once
// One WebSocket connection of the transport (internal to net/HttpServer), over a plain or a
// TLS stream: the upgrade, the handler's messages, the bounded send queue.
//
// A message read is handed to the handler whole; sends queue in order and are written one
// at a time. The queue holds at most ServerState::wsQueueBytes (the message being written
// included): a send that would pass it closes the connection at once (a reset, not a close
// handshake, which would wait behind the backlog the peer is not reading).
//
// Threads: the network thread only.

#include "net/HttpTypes.h"
#include "net/ServerState.h"

#include <boost/asio/post.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <spdlog/spdlog.h>

#include <chrono>
#include <deque>
#include <memory>
#include <string>

namespace vigil::gateway {

template<class Stream>
class WsSession final : public WsConnection, public Connection, public std::enable_shared_from_this<WsSession<Stream>> {
public:
    WsSession(std::shared_ptr<ServerState> state, Stream stream)
        : m_state(std::move(state))
        , m_ws(std::move(stream))
    {}

    /// Asks the routes for a handler of `upgrade` and accepts the upgrade, or answers 404.
    void run(boost::beast::http::request<boost::beast::http::string_body> upgrade, const HttpRequest &request)
    {
        m_slot.emplace(m_state, this->weak_from_this());
        try {
            if (m_state->routes.websocket)
                m_handler = m_state->routes.websocket(request, this->shared_from_this());
        } catch (const std::exception &error) {
            spdlog::warn("gateway: the WebSocket handler of {} failed: {}", request.path, error.what());
        }
        if (!m_handler)
            return refuse(upgrade);
        namespace websocket = boost::beast::websocket;
        // The WebSocket keeps its own time from here (the handshake's and the idle pings).
        boost::beast::get_lowest_layer(m_ws).expires_never();
        websocket::stream_base::timeout timeout{};
        timeout.handshake_timeout = std::chrono::milliseconds(m_state->config.requestTimeoutMs);
        timeout.idle_timeout = std::chrono::seconds(60);
        timeout.keep_alive_pings = true;
        m_ws.set_option(timeout);
        websocket::permessage_deflate deflate;
        deflate.server_enable = false; // a fan-out compressing per peer costs more than it saves
        m_ws.set_option(deflate);
        m_ws.read_message_max(static_cast<std::uint64_t>(m_state->config.maxBodyBytes));
        m_ws.async_accept(upgrade,
                          [self = this->shared_from_this()](boost::beast::error_code error) { self->accepted(error); });
    }

    void sendText(std::string message) override { enqueue(std::move(message), false); }
    void sendBinary(std::string message) override { enqueue(std::move(message), true); }

    void close() override
    {
        if (m_done || m_closing)
            return;
        m_closing = true;
        flush();
    }

    std::size_t queuedBytes() const override { return m_queuedBytes; }

    void abort() override
    {
        auto &socket = boost::beast::get_lowest_layer(m_ws).socket();
        boost::beast::error_code ignored;
        socket.set_option(boost::asio::socket_base::linger(true, 0), ignored);
        boost::beast::get_lowest_layer(m_ws).close();
    }

private:
    struct Outgoing {
        std::string data;
        bool binary;
    };

    void closeAfterAnswer()
    {
        auto &stream = boost::beast::get_lowest_layer(m_ws);
        boost::beast::error_code ignored;
        stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        stream.close();
        m_slot.reset();
    }

    void refuse(const boost::beast::http::request<boost::beast::http::string_body> &upgrade)
    {
        namespace http = boost::beast::http;
        auto response = std::make_shared<http::response<http::string_body>>(http::status::not_found, upgrade.version());
        response->set(http::field::content_type, "application/json");
        response->set("X-Request-ID", m_state->nextRequestId());
        response->body() = alpacaError(40410000, "no WebSocket stream at this path");
        response->keep_alive(false);
        response->prepare_payload();
        http::async_write(m_ws.next_layer(), *response,
                          [self = this->shared_from_this(), response](boost::beast::error_code, std::size_t) {
                              self->closeAfterAnswer();
                          });
    }

    void accepted(boost::beast::error_code error)
    {
        if (error)
            return finish();
        m_open = true;
        read();
        flush();
    }

    void read()
    {
        m_ws.async_read(m_in, [self = this->shared_from_this()](boost::beast::error_code error, std::size_t) {
            self->received(error);
        });
    }

    void received(boost::beast::error_code error)
    {
        if (error)
            return finish();
        const auto data = m_in.cdata();
        const std::string_view message(static_cast<const char *>(data.data()), data.size());
        if (m_handler && !m_done)
            m_handler->onMessage(message, !m_ws.got_text());
        m_in.consume(m_in.size());
        // Read on even after an abort: the read ends at once with the error, and finish()
        // then runs from a fresh call, never inside the handler's own onMessage.
        read();
    }

    void enqueue(std::string message, bool binary)
    {
        if (m_done || m_closing)
            return;
        if (m_queuedBytes + message.size() > m_state->wsQueueBytes) {
            spdlog::warn("gateway: a WebSocket peer left {} bytes unread; closing it", m_queuedBytes);
            m_done = true; // sends from now on are dropped; onClosed follows from the read
            dropQueued();
            abort();
            return;
        }
        m_queuedBytes += message.size();
        m_queue.push_back({std::move(message), binary});
        flush();
    }

    void flush()
    {
        if (!m_open || m_writing || m_closeSent)
            return;
        if (m_queue.empty()) {
            if (m_closing) {
                m_closeSent = true;
                m_ws.async_close(boost::beast::websocket::close_code::normal,
                                 [self = this->shared_from_this()](boost::beast::error_code) {});
            }
            return;
        }
        m_writing = true;
        m_ws.binary(m_queue.front().binary);
        m_ws.async_write(
            boost::asio::buffer(m_queue.front().data),
            [self = this->shared_from_this()](boost::beast::error_code error, std::size_t) { self->written(error); });
    }

    void written(boost::beast::error_code error)
    {
        m_writing = false;
        m_queuedBytes -= m_queue.front().data.size();
        m_queue.pop_front();
        if (error)
            abort();
        if (error || m_done)
            return dropQueued();
        flush();
    }

    /// Lets go of every queued message but the one being written (its bytes are the
    /// write's until it ends).
    void dropQueued()
    {
        while (m_queue.size() > (m_writing ? 1U : 0U)) {
            m_queuedBytes -= m_queue.back().data.size();
            m_queue.pop_back();
        }
    }

    /// The connection is over: the handler hears it once and is let go, later, from a call
    /// of its own (it may be the one whose send ended the connection).
    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_done = true;
        dropQueued();
        m_slot.reset();
        if (!m_handler)
            return;
        m_handler->onClosed();
        boost::asio::post(m_state->ioc, [handler = std::move(m_handler)] {});
    }

    std::shared_ptr<ServerState> m_state; // first: the io_context outlives the socket
    boost::beast::websocket::stream<Stream> m_ws;
    std::optional<ConnectionSlot> m_slot;
    boost::beast::flat_buffer m_in;
    std::unique_ptr<WsHandler> m_handler;
    std::deque<Outgoing> m_queue;
    std::size_t m_queuedBytes = 0;
    bool m_open = false;    // the upgrade is accepted
    bool m_writing = false; // a write is under way
    bool m_closing = false; // close() asked for a close handshake after the queue
    bool m_closeSent = false;
    bool m_done = false;     // no more sends
    bool m_finished = false; // onClosed delivered
};

} // namespace vigil::gateway
