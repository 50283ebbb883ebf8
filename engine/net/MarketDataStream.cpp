#include "net/MarketDataStream.h"

#include <QJsonArray>

#include <algorithm>
#include <unordered_set>
#include <utility>

namespace vigil::gateway {

using namespace Qt::StringLiterals;

namespace {

constexpr std::array<const char *, kChannelCount> kChannelNames = {"trades", "quotes", "bars"}; // by Channel
/// Channels of Alpaca's stream that Vigil's venue has nothing for: accepted empty (the SDKs
/// send them so), refused with 410 otherwise.
constexpr std::array<const char *, 7> kUnservedChannels = {"updatedBars", "dailyBars",    "statuses",  "lulds",
                                                           "corrections", "cancelErrors", "imbalances"};
constexpr std::array<std::string_view, 3> kFeeds = {"/v2/iex", "/v2/sip", "/v2/test"};

bool asksForMsgPack(std::string_view contentType)
{
    std::string lower(contentType);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower.find("application/msgpack") != std::string::npos;
}

} // namespace

struct MarketDataHub::Link {
    std::shared_ptr<WsConnection> connection;
    Encoding encoding = Encoding::Json;
    bool authenticated = false;
    std::string keyId; ///< the key it authenticated with (checked again by sweep())
    bool open = true;
    SimTime connectedAt = 0;
    std::array<SymbolSet, kChannelCount> subscribed; ///< by Channel

    void send(std::string message) const
    {
        // A local owner: the transport may report the close from inside a send.
        if (const std::shared_ptr<WsConnection> c = connection) {
            if (encoding == Encoding::MsgPack)
                c->sendBinary(std::move(message));
            else
                c->sendText(std::move(message));
        }
    }
    void error(int code, std::string_view msg) const { send(errorMessage(encoding, code, msg)); }
};

class MarketDataHub::Handler final : public WsHandler {
public:
    Handler(MarketDataHub &hub, std::shared_ptr<Link> link)
        : m_hub(hub)
        , m_link(std::move(link))
    {}
    ~Handler() override { m_hub.closed(*m_link); }
    void onMessage(std::string_view message, bool) override { m_hub.message(*m_link, message); }
    void onClosed() override { m_hub.closed(*m_link); }

private:
    MarketDataHub &m_hub;
    std::shared_ptr<Link> m_link;
};

MarketDataHub::MarketDataHub(std::vector<std::string> universe, Authenticate authenticate, MarketDataLimits limits,
                             std::function<SimTime()> wallClock)
    : m_universe(std::move(universe))
    , m_authenticate(std::move(authenticate))
    , m_limits(limits)
    , m_clock(wallClock ? std::move(wallClock) : std::function<SimTime()>(wallNowNs))
    , m_bars(m_universe.size())
    , m_batches{EncodedBatch(Encoding::Json, m_universe), EncodedBatch(Encoding::MsgPack, m_universe)}
{
    for (std::size_t i = 0; i < m_universe.size(); ++i)
        m_ids.emplace(m_universe[i], static_cast<SymbolId>(i));
    recomputeInterest();
}

MarketDataHub::~MarketDataHub() = default;

std::unique_ptr<WsHandler> MarketDataHub::open(const HttpRequest &upgrade, std::shared_ptr<WsConnection> connection)
{
    if (std::find(kFeeds.begin(), kFeeds.end(), upgrade.path) == kFeeds.end())
        return nullptr;
    auto link = std::make_shared<Link>();
    link->connection = std::move(connection);
    link->encoding = asksForMsgPack(upgrade.header("content-type")) ? Encoding::MsgPack : Encoding::Json;
    link->connectedAt = m_clock();
    m_links.push_back(link);
    link->send(controlMessage(link->encoding, {{u"T"_s, u"success"_s}, {u"msg"_s, u"connected"_s}}));
    return std::make_unique<Handler>(*this, std::move(link));
}

std::size_t MarketDataHub::connections() const
{
    return static_cast<std::size_t>(
        std::count_if(m_links.begin(), m_links.end(), [](const std::shared_ptr<Link> &link) { return link->open; }));
}

void MarketDataHub::message(Link &link, std::string_view bytes)
{
    if (!link.open)
        return;
    const std::optional<QJsonObject> request = decodeClientMessage(bytes);
    const QString action = request ? request->value(u"action").toString() : QString();
    if (action == QLatin1String("auth")) {
        if (link.authenticated) {
            link.error(403, "already authenticated");
            return;
        }
        const QJsonValue key = request->value(u"key");
        const QJsonValue secret = request->value(u"secret");
        if (!key.isString() || !secret.isString()) {
            link.error(400, "invalid syntax");
            return;
        }
        if (!m_authenticate(key.toString().toStdString(), secret.toString().toStdString())) {
            link.error(402, "auth failed");
            return;
        }
        link.authenticated = true;
        link.keyId = key.toString().toStdString();
        link.send(controlMessage(link.encoding, {{u"T"_s, u"success"_s}, {u"msg"_s, u"authenticated"_s}}));
    } else if (action == QLatin1String("subscribe") || action == QLatin1String("unsubscribe")) {
        if (!link.authenticated) {
            link.error(401, "not authenticated");
            return;
        }
        subscription(link, *request, action == QLatin1String("subscribe"));
    } else {
        link.error(400, "invalid syntax");
    }
}

void MarketDataHub::subscription(Link &link, const QJsonObject &request, bool subscribe)
{
    std::array<SymbolSet, kChannelCount> next = link.subscribed;
    for (std::size_t channel = 0; channel < kChannelCount; ++channel) {
        const QJsonValue list = request.value(QLatin1String(kChannelNames[channel]));
        if (list.isUndefined() || list.isNull())
            continue; // a channel left out is left as it is
        if (!list.isArray()) {
            link.error(400, "invalid syntax");
            return;
        }
        SymbolSet &set = next[channel];
        std::unordered_set<std::string> present(set.names.begin(), set.names.end());
        for (const QJsonValue &element : list.toArray()) {
            if (!element.isString() || element.toString().isEmpty()) {
                link.error(400, "invalid syntax");
                return;
            }
            std::string name = element.toString().toStdString();
            if (subscribe) {
                if (present.insert(name).second)
                    set.names.push_back(std::move(name));
            } else if (present.erase(name) > 0) {
                set.names.erase(std::find(set.names.begin(), set.names.end(), name));
            }
        }
        set.all = present.count("*") > 0;
    }
    for (const char *unserved : kUnservedChannels) {
        const QJsonValue list = request.value(QLatin1String(unserved));
        if (list.isUndefined() || list.isNull())
            continue;
        if (!list.isArray()) {
            link.error(400, "invalid syntax");
            return;
        }
        if (!list.toArray().isEmpty()) {
            link.error(410, "invalid subscribe action for this feed");
            return;
        }
    }
    for (SymbolSet &set : next) {
        if (set.names.size() > m_limits.maxSymbols) {
            link.error(405, "symbol limit exceeded"); // the subscription stays as it was
            return;
        }
        rebuildMembers(set);
    }
    link.subscribed = std::move(next);
    recomputeInterest();

    const auto names = [](const SymbolSet &set) {
        QJsonArray array;
        for (const std::string &name : set.names)
            array.append(QString::fromStdString(name));
        return array;
    };
    const QJsonArray trades = names(link.subscribed[static_cast<int>(Channel::Trades)]);
    // Alpaca sends corrections and cancel errors with the trades, and names every channel.
    link.send(controlMessage(link.encoding, {{u"T"_s, u"subscription"_s},
                                             {u"trades"_s, trades},
                                             {u"quotes"_s, names(link.subscribed[static_cast<int>(Channel::Quotes)])},
                                             {u"bars"_s, names(link.subscribed[static_cast<int>(Channel::Bars)])},
                                             {u"updatedBars"_s, QJsonArray()},
                                             {u"dailyBars"_s, QJsonArray()},
                                             {u"statuses"_s, QJsonArray()},
                                             {u"lulds"_s, QJsonArray()},
                                             {u"corrections"_s, trades},
                                             {u"cancelErrors"_s, trades}}));
}

void MarketDataHub::rebuildMembers(SymbolSet &set) const
{
    set.member.assign(m_universe.size(), 0);
    for (const std::string &name : set.names)
        if (const auto it = m_ids.find(name); it != m_ids.end())
            set.member[it->second] = 1;
}

void MarketDataHub::recomputeInterest()
{
    for (auto &byChannel : m_interest)
        for (SymbolSet &set : byChannel) {
            set.all = false;
            set.member.assign(m_universe.size(), 0);
        }
    for (const std::shared_ptr<Link> &link : m_links) {
        if (!link->open || !link->authenticated)
            continue;
        auto &interest = m_interest[static_cast<int>(link->encoding)];
        for (std::size_t channel = 0; channel < kChannelCount; ++channel) {
            const SymbolSet &mine = link->subscribed[channel];
            SymbolSet &any = interest[channel];
            any.all = any.all || mine.all;
            for (std::size_t i = 0; i < mine.member.size(); ++i)
                any.member[i] = static_cast<std::uint8_t>(any.member[i] | mine.member[i]);
        }
    }
}

void MarketDataHub::publish(std::span<const MarketTick> ticks)
{
    // While the market runs, the batches themselves keep the auth timeout's time.
    if (m_clock() - m_lastSweep >= kNsPerSecond)
        sweep();
    for (const MarketTick &tick : ticks) {
        m_closedBars.clear();
        m_bars.add(tick, m_closedBars);
        for (const MinuteBar &bar : m_closedBars)
            for (std::size_t e = 0; e < m_batches.size(); ++e)
                if (m_interest[e][static_cast<int>(Channel::Bars)].wants(bar.symbol))
                    m_batches[e].addBar(bar);
        encode(tick);
        if (m_batches[0].size() >= m_limits.maxMessagesPerFrame || m_batches[1].size() >= m_limits.maxMessagesPerFrame)
            fanOut();
    }
    fanOut();
}

void MarketDataHub::encode(const MarketTick &tick)
{
    const bool quote = tick.kind == MarketTick::Kind::Quote;
    const int channel = static_cast<int>(quote ? Channel::Quotes : Channel::Trades);
    for (std::size_t e = 0; e < m_batches.size(); ++e) {
        if (!m_interest[e][channel].wants(tick.symbol))
            continue; // nobody in this encoding wants it: not encoded at all
        if (quote)
            m_batches[e].addQuote(tick);
        else
            m_batches[e].addTrade(tick);
    }
}

void MarketDataHub::fanOut()
{
    if (m_batches[0].size() == 0 && m_batches[1].size() == 0)
        return;
    ++m_busy;
    for (const std::shared_ptr<Link> &link : m_links) {
        if (!link->open || !link->authenticated)
            continue;
        const EncodedBatch &batch = m_batches[static_cast<int>(link->encoding)];
        if (batch.size() == 0)
            continue;
        if (link->connection && link->connection->queuedBytes() > m_limits.maxQueuedBytes) {
            drop(*link, 407, "slow client");
            continue;
        }
        std::string frame;
        const auto &subscribed = link->subscribed;
        if (batch.frame(frame,
                        [&subscribed](Channel channel, SymbolId symbol) {
                            return subscribed[static_cast<int>(channel)].wants(symbol);
                        })
            > 0)
            link->send(std::move(frame));
    }
    --m_busy;
    for (EncodedBatch &batch : m_batches)
        batch.clear();
    prune();
}

void MarketDataHub::setKeyCheck(KeyInForce inForce) { m_inForce = std::move(inForce); }

void MarketDataHub::sweep()
{
    const SimTime now = m_clock();
    m_lastSweep = now;
    ++m_busy;
    for (const std::shared_ptr<Link> &link : m_links) {
        if (!link->open)
            continue;
        if (!link->authenticated && now - link->connectedAt >= m_limits.authTimeout)
            drop(*link, 404, "auth timeout");
        else if (link->authenticated && m_inForce && !m_inForce(link->keyId))
            drop(*link, 402, "auth failed"); // its key was revoked: Alpaca's answer to a key it refuses
    }
    --m_busy;
    prune();
}

void MarketDataHub::drop(Link &link, int code, std::string_view msg)
{
    const std::shared_ptr<WsConnection> connection = link.connection;
    link.error(code, msg);
    closed(link);
    if (connection)
        connection->close();
}

void MarketDataHub::closed(Link &link)
{
    if (!link.open)
        return;
    link.open = false;
    link.connection.reset();
    if (link.authenticated)
        recomputeInterest();
    prune();
}

void MarketDataHub::prune()
{
    if (m_busy > 0)
        return;
    std::erase_if(m_links, [](const std::shared_ptr<Link> &link) { return !link->open; });
}

} // namespace vigil::gateway
