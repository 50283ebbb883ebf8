#pragma once
// What the benches that talk to Vigil's Alpaca-compatible gateway share: a bare client of it
// (one synchronous HTTP/1.1 keep-alive connection with the key pair, Boost.Beast, no adapter,
// no queue, no event loop), the trade_updates stream's authenticate-and-listen, and the
// latency figures of nanosecond samples.
//
// Threads: a BareHttp is used by one thread at a time; openTradeStream() on the thread that
// then owns the stream. The rest are plain functions.

#include "AlpacaOrdersBench.h" // LatencySpread

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::bench::bare {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

inline std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Of nanosecond samples, in microseconds.
inline LatencySpread spreadUs(std::vector<std::int64_t> ns)
{
    LatencySpread s;
    if (ns.empty())
        return s;
    std::sort(ns.begin(), ns.end());
    const auto at = [&ns](double q) {
        const auto i = std::min(ns.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ns.size())));
        return static_cast<double>(ns[i]) / 1000.0;
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = static_cast<double>(ns.back()) / 1000.0;
    return s;
}

/// One HTTP/1.1 keep-alive connection to the gateway on 127.0.0.1 with a key pair,
/// synchronous, with TCP_NODELAY.
class Http {
public:
    using Request = http::request<http::string_body>;
    struct Answer {
        unsigned status = 0;
        std::string body;
    };

    Http(std::uint16_t port, std::string keyId, std::string secret)
        : m_socket(m_io)
        , m_keyId(std::move(keyId))
        , m_secret(std::move(secret))
    {
        m_socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        m_socket.set_option(tcp::no_delay(true));
    }

    /// A request with the key pair's headers; a JSON body when `body` is given.
    Request request(http::verb verb, const std::string &target, const std::string &body = {}) const
    {
        Request r{verb, target, 11};
        r.set(http::field::host, "127.0.0.1");
        r.set("APCA-API-KEY-ID", m_keyId);
        r.set("APCA-API-SECRET-KEY", m_secret);
        r.keep_alive(true);
        if (!body.empty()) {
            r.set(http::field::content_type, "application/json");
            r.body() = body;
        }
        r.prepare_payload();
        return r;
    }
    /// POST /v2/orders of `order` (its JSON object).
    Request postOrder(const QJsonObject &order) const
    {
        return request(http::verb::post, "/v2/orders",
                       QJsonDocument(order).toJson(QJsonDocument::Compact).toStdString());
    }

    /// Sends `request` and reads its whole answer.
    Answer exchange(const Request &request)
    {
        http::write(m_socket, request);
        http::response<http::string_body> response;
        http::read(m_socket, m_buffer, response);
        return {response.result_int(), std::move(response.body())};
    }

private:
    asio::io_context m_io;
    tcp::socket m_socket;
    beast::flat_buffer m_buffer;
    std::string m_keyId;
    std::string m_secret;
};

/// Connects `ws` to the gateway's trade_updates stream (`/stream`) on 127.0.0.1, with
/// TCP_NODELAY, authenticates with the key pair and listens; throws std::runtime_error with
/// the stream's answer when it refuses either.
inline void openTradeStream(websocket::stream<tcp::socket> &ws, std::uint16_t port, const std::string &keyId,
                            const std::string &secret)
{
    beast::get_lowest_layer(ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    beast::get_lowest_layer(ws).set_option(tcp::no_delay(true));
    ws.handshake("127.0.0.1", "/stream");
    const auto ask = [&ws](const QJsonObject &message) {
        ws.text(true);
        ws.write(asio::buffer(QJsonDocument(message).toJson(QJsonDocument::Compact).toStdString()));
        beast::flat_buffer buffer;
        ws.read(buffer);
        return QJsonDocument::fromJson(QByteArray::fromStdString(beast::buffers_to_string(buffer.data()))).object();
    };
    const auto refused = [](const QJsonObject &answer) {
        return std::runtime_error("the trade_updates stream answered "
                                  + QJsonDocument(answer).toJson(QJsonDocument::Compact).toStdString());
    };
    const QJsonObject authorized =
        ask({{QStringLiteral("action"), QStringLiteral("authenticate")},
             {QStringLiteral("data"), QJsonObject{{QStringLiteral("key_id"), QString::fromStdString(keyId)},
                                                  {QStringLiteral("secret_key"), QString::fromStdString(secret)}}}});
    if (authorized.value(QLatin1String("data")).toObject().value(QLatin1String("status")).toString()
        != QLatin1String("authorized"))
        throw refused(authorized);
    const QJsonObject listening =
        ask({{QStringLiteral("action"), QStringLiteral("listen")},
             {QStringLiteral("data"),
              QJsonObject{{QStringLiteral("streams"), QJsonArray{QStringLiteral("trade_updates")}}}}});
    if (listening.value(QLatin1String("stream")).toString() != QLatin1String("listening"))
        throw refused(listening);
}

} // namespace vigil::bench::bare
