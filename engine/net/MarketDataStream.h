#pragma once
// The market data stream v2 (`/v2/{feed}`: iex, sip or test) as Alpaca's data service
// serves it, fed by the venue's ticks. A connection is greeted [{"T":"success","msg":
// "connected"}]; it authenticates with {"action":"auth","key","secret"} (a bot's key pair)
// within MarketDataLimits::authTimeout; {"action":"subscribe"|"unsubscribe","trades",
// "quotes","bars"} add or remove symbols ("*": all), answered with the whole subscription;
// errors are Alpaca's ([{"T":"error","code":400..410,"msg"}]). Then quotes, trades and
// minute bars (MinuteBars.h) of its symbols arrive batched, an array of many messages per
// frame. The encoding is chosen at the upgrade: `Content-Type: application/msgpack` asks
// for MessagePack (binary frames), anything else is JSON (text frames); MarketDataCodec.h.
//
// MarketDataHub keeps the connections and is the hub's tick sink (GatewayStreams.h wires
// it): each batch of ticks is encoded once per encoding in use and each connection gets
// one frame of what it subscribed to. A connection whose unsent bytes exceed the bound is
// a slow client: it is told 407 and closed.
//
// Threads: the gateway's network thread only (HttpTypes.h); the hub outlives every handler
// it opened. publish() checks the auth timeout at most once a second; when no ticks come
// (the market is closed), sweep() should run about once a second.

#include "api/Time.h"
#include "gateway/GatewayTypes.h"
#include "net/HttpTypes.h"
#include "net/MarketDataCodec.h"
#include "net/MinuteBars.h"
#include "net/StreamAuth.h"

#include <QJsonObject>

#include <array>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace vigil::gateway {

struct MarketDataLimits {
    std::size_t maxSymbols = 4096;           ///< per channel ("*" counts one): more is refused with 405
    std::size_t maxQueuedBytes = 16 << 20;   ///< more unsent than this: a slow client (407, closed)
    SimTime authTimeout = 10 * kNsPerSecond; ///< from the connection to its auth (404, closed)
    std::size_t maxMessagesPerFrame = 1024;  ///< a long batch of ticks goes out in several frames
};

class MarketDataHub {
public:
    /// `universe`: the venue's symbols by SymbolId (GatewayHub::universe()); `wallClock`:
    /// the clock of the auth timeout (wallNowNs when empty).
    MarketDataHub(std::vector<std::string> universe, Authenticate authenticate, MarketDataLimits limits = {},
                  std::function<SimTime()> wallClock = {});
    ~MarketDataHub();
    MarketDataHub(const MarketDataHub &) = delete;
    MarketDataHub &operator=(const MarketDataHub &) = delete;

    /// The handler of an upgrade to `upgrade.path`; null (refused with 404) for a path
    /// that is not /v2/iex, /v2/sip or /v2/test.
    std::unique_ptr<WsHandler> open(const HttpRequest &upgrade, std::shared_ptr<WsConnection> connection);
    /// The engine's ticks since the last call, oldest first: bars, encoding, fan-out.
    void publish(std::span<const MarketTick> ticks);
    /// Closes the connections that have not authenticated in time, and those whose key has
    /// been revoked since (with setKeyCheck()); publish() does it too, at most once a second.
    void sweep();
    /// How sweep() asks whether an authenticated connection's key is still in force.
    void setKeyCheck(KeyInForce inForce);
    /// Open connections.
    std::size_t connections() const;

private:
    struct SymbolSet {
        bool all = false;
        std::vector<std::string> names;   ///< as subscribed, "*" included
        std::vector<std::uint8_t> member; ///< by SymbolId
        bool wants(SymbolId symbol) const { return all || (symbol < member.size() && member[symbol] != 0); }
    };
    struct Link;
    class Handler;

    void message(Link &link, std::string_view bytes);
    void subscription(Link &link, const QJsonObject &request, bool subscribe);
    void closed(Link &link);
    void drop(Link &link, int code, std::string_view msg);
    void recomputeInterest();
    void encode(const MarketTick &tick);
    void fanOut();
    void prune();
    void rebuildMembers(SymbolSet &set) const;

    std::vector<std::string> m_universe;
    std::unordered_map<std::string, SymbolId> m_ids;
    Authenticate m_authenticate;
    KeyInForce m_inForce;
    MarketDataLimits m_limits;
    std::function<SimTime()> m_clock;
    std::vector<std::shared_ptr<Link>> m_links;
    int m_busy = 0; ///< iterating m_links: removals wait
    SimTime m_lastSweep = 0;
    MinuteBars m_bars;
    std::vector<MinuteBar> m_closedBars;
    std::array<EncodedBatch, 2> m_batches;                          ///< by Encoding
    std::array<std::array<SymbolSet, kChannelCount>, 2> m_interest; ///< by Encoding, Channel: any subscriber
};

} // namespace vigil::gateway
