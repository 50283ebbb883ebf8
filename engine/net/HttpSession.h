#pragma once
// One HTTP/1.1 connection of the transport (internal to net/HttpServer), over a plain or a
// TLS stream: the TLS handshake, then request after request (keep-alive) until the client
// closes, a request breaks a limit, or it upgrades to a WebSocket (WsSession takes the
// stream over).
//
// One request at a time: the next is read once the handler has answered the current one.
// Every read and write is bounded by requestTimeoutMs (a slow client is closed, never
// waited for). After an error answer (400, 413, 431) the connection reads and discards what
// the client still sends for a short while before closing, so that the answer is not lost to
// a reset.
//
// Threads: the network thread only; the Respond it gives out too.

#include "net/HttpTypes.h"
#include "net/RequestTarget.h"
#include "net/ServerState.h"
#include "net/WsSession.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace vigil::gateway {

template<class Stream> constexpr bool kIsTls = !std::is_same_v<Stream, boost::beast::tcp_stream>;

template<class Stream>
class HttpSession final : public Connection, public std::enable_shared_from_this<HttpSession<Stream>> {
public:
    HttpSession(std::shared_ptr<ServerState> state, Stream stream)
        : m_state(std::move(state))
        , m_stream(std::move(stream))
    {}

    void start()
    {
        m_slot.emplace(m_state, this->weak_from_this());
        boost::beast::error_code error;
        const auto peer = boost::beast::get_lowest_layer(m_stream).socket().remote_endpoint(error);
        if (!error)
            m_remoteAddress = peer.address().to_string();
        if constexpr (kIsTls<Stream>) {
            expireIn(m_state->config.requestTimeoutMs);
            m_stream.async_handshake(boost::asio::ssl::stream_base::server,
                                     [self = this->shared_from_this()](boost::beast::error_code handshake) {
                                         if (handshake)
                                             return self->closeNow();
                                         self->read();
                                     });
        } else {
            read();
        }
    }

    void abort() override { closeNow(); }

private:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;

    static HttpResponse errorAnswer(int status, int code, std::string_view message)
    {
        HttpResponse answer;
        answer.status = status;
        answer.body = alpacaError(code, message);
        return answer;
    }

    void expireIn(int milliseconds)
    {
        boost::beast::get_lowest_layer(m_stream).expires_after(std::chrono::milliseconds(milliseconds));
    }

    void read()
    {
        m_parser.emplace();
        m_parser->body_limit(static_cast<std::uint64_t>(std::max<std::int64_t>(m_state->config.maxBodyBytes, 0)));
        expireIn(m_state->config.requestTimeoutMs);
        boost::beast::http::async_read(
            m_stream, m_buffer, *m_parser,
            [self = this->shared_from_this()](boost::beast::error_code error, std::size_t) { self->received(error); });
    }

    void received(boost::beast::error_code error)
    {
        namespace http = boost::beast::http;
        if (error == http::error::body_limit)
            return refuse(413, "the request body is larger than the gateway's limit of "
                                   + std::to_string(m_state->config.maxBodyBytes) + " bytes");
        if (error == http::error::header_limit)
            return refuse(431, "the request's headers are too large");
        if (error == http::error::end_of_stream || error == boost::beast::error::timeout)
            return closeNow();
        if (error && error.category() == http::make_error_code(http::error::bad_method).category())
            return refuse(400, "malformed HTTP request: " + error.message());
        if (error)
            return closeNow();
        boost::beast::get_lowest_layer(m_stream).expires_never();
        dispatch(m_parser->release());
    }

    void dispatch(Request request)
    {
        const auto rawTarget = request.target();
        auto target = splitRequestTarget(std::string_view(rawTarget.data(), rawTarget.size()));
        if (!target)
            return refuse(400, "the request target must be a path beginning with '/'");
        HttpRequest call;
        const auto method = request.method_string();
        call.method.assign(method.data(), method.size());
        call.path = std::move(target->path);
        call.query = std::move(target->query);
        for (const auto &field : request) {
            const auto rawName = field.name_string();
            const auto rawValue = field.value();
            std::string name(rawName.data(), rawName.size());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            call.headers.emplace_back(std::move(name), std::string(rawValue.data(), rawValue.size()));
        }
        call.remoteAddress = m_remoteAddress;
        m_version = request.version();
        m_keepAlive = request.keep_alive();
        if (boost::beast::websocket::is_upgrade(request))
            return upgrade(std::move(request), call);
        call.body = std::move(request.body());
        m_awaiting = true;
        try {
            if (!m_state->routes.http)
                return answer(errorAnswer(404, 40410000, "not found"));
            m_state->routes.http(std::move(call), [self = this->shared_from_this()](HttpResponse response) {
                self->answer(std::move(response));
            });
        } catch (const std::exception &failure) {
            spdlog::warn("gateway: the handler of a request failed: {}", failure.what());
            answer(errorAnswer(500, 50010000, "internal server error"));
        }
    }

    void upgrade(Request request, const HttpRequest &call)
    {
        m_slot.reset(); // the WebSocket takes the connection's place
        auto session = std::make_shared<WsSession<Stream>>(m_state, std::move(m_stream));
        session->run(std::move(request), call);
    }

    /// The handler's answer; the first one counts.
    void answer(HttpResponse answer)
    {
        if (!m_awaiting)
            return;
        m_awaiting = false;
        if (answer.status < 100 || answer.status > 599) {
            spdlog::warn("gateway: a handler answered with status {}; answering 500", answer.status);
            answer = errorAnswer(500, 50010000, "internal server error");
        }
        write(std::move(answer), m_keepAlive);
    }

    void write(HttpResponse answer, bool keepAlive)
    {
        namespace http = boost::beast::http;
        m_response = {};
        m_response.version(m_version);
        m_response.result(static_cast<unsigned>(answer.status));
        const bool bodiless = answer.status < 200 || answer.status == 204 || answer.status == 304;
        if (!bodiless) {
            if (!answer.contentType.empty())
                m_response.set(http::field::content_type, answer.contentType);
            m_response.body() = std::move(answer.body);
        }
        m_response.set("X-Request-ID", m_state->nextRequestId());
        for (auto &[name, value] : answer.headers)
            m_response.insert(name, value);
        m_response.keep_alive(keepAlive);
        m_response.prepare_payload();
        expireIn(m_state->config.requestTimeoutMs);
        http::async_write(m_stream, m_response,
                          [self = this->shared_from_this(), keepAlive](boost::beast::error_code error, std::size_t) {
                              if (error)
                                  return self->closeNow();
                              if (!keepAlive)
                                  return self->closeAfterAnswer();
                              self->read();
                          });
    }

    /// An error answer, then the connection closes: what is left of the request cannot be
    /// trusted to frame the next one.
    void refuse(int status, const std::string &message)
    {
        m_awaiting = false;
        m_keepAlive = false;
        if (m_parser && m_parser->is_header_done())
            m_version = m_parser->get().version();
        write(errorAnswer(status, 40010000, message), false);
    }

    /// Sends our FIN, then reads and discards until the client's (or a short time), so that
    /// unread request bytes do not turn the close into a reset that loses the answer.
    void closeAfterAnswer()
    {
        auto &lowest = boost::beast::get_lowest_layer(m_stream);
        boost::beast::error_code ignored;
        lowest.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        lowest.expires_after(std::chrono::milliseconds(std::min(m_state->config.requestTimeoutMs, 2'000)));
        drain();
    }

    void drain()
    {
        boost::beast::get_lowest_layer(m_stream).async_read_some(
            boost::asio::buffer(m_discard),
            [self = this->shared_from_this()](boost::beast::error_code error, std::size_t) {
                if (error)
                    return self->closeNow();
                self->drain();
            });
    }

    void closeNow()
    {
        boost::beast::get_lowest_layer(m_stream).close();
        m_slot.reset();
    }

    std::shared_ptr<ServerState> m_state; // first: the io_context outlives the socket
    Stream m_stream;
    std::optional<ConnectionSlot> m_slot;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    Response m_response;
    std::array<char, 4096> m_discard{};
    std::string m_remoteAddress;
    unsigned m_version = 11;
    bool m_keepAlive = true;
    bool m_awaiting = false; // the handler owes an answer
};

} // namespace vigil::gateway
