#pragma once
// The contract between the gateway's transport (HttpServer: sockets, TLS, HTTP/1.1 and
// WebSocket framing, limits) and what it serves (AlpacaRest, the streams). The transport
// parses and frames with Boost.Beast; handlers see whole requests and whole messages only.
//
// Threads: everything here is used on the gateway's network thread only. A handler never
// blocks it: what needs the engine goes through GatewayHub and answers later.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::gateway {

struct HttpRequest {
    std::string method;                                       ///< "GET", "POST", "DELETE", ...
    std::string path;                                         ///< decoded, without the query: "/v2/orders"
    std::vector<std::pair<std::string, std::string>> query;   ///< decoded, in order
    std::vector<std::pair<std::string, std::string>> headers; ///< names lower-case
    std::string body;
    std::string remoteAddress;

    /// The first header named `lowerName`, or empty.
    std::string_view header(std::string_view lowerName) const
    {
        for (const auto &[name, value] : headers)
            if (name == lowerName)
                return value;
        return {};
    }
    /// The first query parameter named `name`, or null.
    const std::string *queryValue(std::string_view name) const
    {
        for (const auto &[key, value] : query)
            if (key == name)
                return &value;
        return nullptr;
    }
};

struct HttpResponse {
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Answers one request; call exactly once, on the network thread, possibly later.
using Respond = std::function<void(HttpResponse)>;

/// One open WebSocket as its handler sees it. Sends queue in order and never block; a peer
/// that does not read has its queue bounded by the transport, which closes it when full.
class WsConnection {
public:
    virtual ~WsConnection() = default;
    virtual void sendText(std::string message) = 0;
    virtual void sendBinary(std::string message) = 0;
    virtual void close() = 0;
    /// Bytes queued and not yet written: a fan-out may skip or drop a slow peer.
    virtual std::size_t queuedBytes() const = 0;
};

/// What a WebSocket path does with its connection's messages.
class WsHandler {
public:
    virtual ~WsHandler() = default;
    virtual void onMessage(std::string_view message, bool binary) = 0;
    /// The connection is gone (closed by either side); the handler is destroyed after.
    virtual void onClosed() = 0;
};

struct Routes {
    /// Every HTTP request that is not a WebSocket upgrade.
    std::function<void(HttpRequest, Respond)> http;
    /// A WebSocket upgrade of `upgrade.path`: the handler for the new connection, or null to
    /// refuse it with 404.
    std::function<std::unique_ptr<WsHandler>(const HttpRequest &upgrade, std::shared_ptr<WsConnection>)> websocket;
};

} // namespace vigil::gateway
