#include "net/TradeUpdatesStream.h"

#include "net/TradeUpdateJson.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <string>
#include <utility>

namespace vigil::gateway {

using namespace Qt::StringLiterals;

namespace {

constexpr std::string_view kTradeUpdates = "trade_updates";

std::string compact(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact).toStdString();
}

std::string authorization(const char *action, bool authorized)
{
    return compact({{u"stream"_s, u"authorization"_s},
                    {u"data"_s, QJsonObject{{u"action"_s, QLatin1String(action)},
                                            {u"status"_s, authorized ? u"authorized"_s : u"unauthorized"_s}}}});
}

std::string errorMessage(const QString &what)
{
    return compact({{u"stream"_s, u"error"_s}, {u"data"_s, QJsonObject{{u"error"_s, what}}}});
}

} // namespace

struct TradeUpdateRouter::Link {
    std::shared_ptr<WsConnection> connection;
    int bot = -1; ///< authenticated as this bot; -1: not authenticated
    bool listening = false;
    bool authenticatedOnce = false; ///< the auth timeout no longer applies
    std::string keyId;              ///< the key it authenticated with (checked again by sweep())
    SimTime openedAt = 0;
    bool open = true;

    void send(std::string message) const
    {
        // A local owner: the transport may report the close from inside a send.
        if (const std::shared_ptr<WsConnection> c = connection)
            c->sendBinary(std::move(message));
    }
};

class TradeUpdateRouter::Handler final : public WsHandler {
public:
    Handler(TradeUpdateRouter &router, std::shared_ptr<Link> link)
        : m_router(router)
        , m_link(std::move(link))
    {}
    ~Handler() override { m_router.closed(*m_link); }
    void onMessage(std::string_view message, bool) override { m_router.message(*m_link, message); }
    void onClosed() override { m_router.closed(*m_link); }

private:
    TradeUpdateRouter &m_router;
    std::shared_ptr<Link> m_link;
};

TradeUpdateRouter::TradeUpdateRouter(Bots bots, std::function<SimTime()> wallClock)
    : m_bots(std::move(bots))
    , m_clock(wallClock ? std::move(wallClock) : std::function<SimTime()>(wallNowNs))
{}

TradeUpdateRouter::~TradeUpdateRouter() = default;

std::unique_ptr<WsHandler> TradeUpdateRouter::open(std::shared_ptr<WsConnection> connection)
{
    auto link = std::make_shared<Link>();
    link->connection = std::move(connection);
    link->openedAt = m_clock();
    m_links.push_back(link);
    return std::make_unique<Handler>(*this, std::move(link));
}

void TradeUpdateRouter::deliver(int bot, const TradeUpdate &update)
{
    std::string message;
    ++m_delivering;
    for (const std::shared_ptr<Link> &link : m_links) {
        if (!link->open || link->bot != bot || !link->listening)
            continue;
        if (message.empty())
            message = tradeUpdateMessage(update); // once for all of the bot's connections
        link->send(message);
    }
    --m_delivering;
    prune();
}

int TradeUpdateRouter::listeners(int bot) const
{
    return static_cast<int>(std::count_if(m_links.begin(), m_links.end(), [bot](const std::shared_ptr<Link> &link) {
        return link->open && link->bot == bot && link->listening;
    }));
}

void TradeUpdateRouter::setKeyCheck(KeyInForce inForce) { m_inForce = std::move(inForce); }

void TradeUpdateRouter::sweep()
{
    const SimTime now = m_clock();
    std::vector<std::pair<std::shared_ptr<Link>, QString>> dropped;
    for (const std::shared_ptr<Link> &link : m_links) {
        if (!link->open)
            continue;
        if (!link->authenticatedOnce && now - link->openedAt >= kAuthTimeout)
            dropped.emplace_back(link, QStringLiteral("auth timeout"));
        else if (link->bot >= 0 && m_inForce && !m_inForce(link->keyId))
            dropped.emplace_back(link, QStringLiteral("the key was revoked"));
    }
    for (const auto &[link, why] : dropped) {
        const std::shared_ptr<WsConnection> connection = link->connection;
        link->send(errorMessage(why));
        closed(*link);
        if (connection)
            connection->close();
    }
}

void TradeUpdateRouter::message(Link &link, std::string_view text)
{
    if (!link.open)
        return;
    if (link.bot >= 0 && m_bots.noteSeen)
        m_bots.noteSeen(link.bot);
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), static_cast<qsizetype>(text.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        link.send(errorMessage(QStringLiteral("invalid syntax: a message is one JSON object")));
        return;
    }
    const QJsonObject request = document.object();
    const QString action = request.value(u"action").toString();
    const QJsonObject data = request.value(u"data").toObject();
    if (action == QLatin1String("authenticate")) {
        const QJsonValue keyId = data.value(u"key_id");
        const QJsonValue secret = data.value(u"secret_key");
        if (!keyId.isString() || !secret.isString()) {
            link.send(errorMessage(QStringLiteral("invalid syntax: authenticate needs data.key_id and "
                                                  "data.secret_key as strings")));
            return;
        }
        const std::optional<std::string> name =
            m_bots.authenticate(keyId.toString().toStdString(), secret.toString().toStdString());
        // A key of a bot that is not configured opens nothing, as a wrong key does.
        const int bot = name ? m_bots.index(*name) : -1;
        setBot(link, bot);
        link.keyId = bot >= 0 ? keyId.toString().toStdString() : std::string();
        link.authenticatedOnce = link.authenticatedOnce || bot >= 0;
        if (bot >= 0 && m_bots.noteSeen)
            m_bots.noteSeen(bot);
        link.send(authorization("authenticate", bot >= 0));
    } else if (action == QLatin1String("listen")) {
        if (link.bot < 0) {
            link.send(authorization("listen", false));
            return;
        }
        const QJsonValue streams = data.value(u"streams");
        if (!streams.isArray()) {
            link.send(errorMessage(QStringLiteral("invalid syntax: listen needs data.streams as a list of names")));
            return;
        }
        bool tradeUpdates = false;
        for (const QJsonValue &name : streams.toArray()) {
            if (!name.isString()) {
                link.send(errorMessage(QStringLiteral("invalid syntax: data.streams holds names (strings)")));
                return;
            }
            tradeUpdates = tradeUpdates || name.toString() == QLatin1String(kTradeUpdates.data());
        }
        // The set named replaces the previous one; streams this server does not have are
        // left out of the answer, as Alpaca does.
        link.listening = tradeUpdates;
        QJsonArray listening;
        if (tradeUpdates)
            listening.append(QLatin1String(kTradeUpdates.data()));
        link.send(compact({{u"stream"_s, u"listening"_s}, {u"data"_s, QJsonObject{{u"streams"_s, listening}}}}));
    } else {
        link.send(errorMessage(
            action.isEmpty()
                ? QStringLiteral("invalid syntax: a message needs an \"action\"")
                : QStringLiteral("unknown action \"%1\": expected authenticate or listen").arg(action.left(64))));
    }
}

void TradeUpdateRouter::setBot(Link &link, int bot)
{
    if (link.bot == bot)
        return;
    if (link.bot >= 0 && m_bots.noteStream)
        m_bots.noteStream(link.bot, -1);
    link.bot = bot;
    link.listening = false;
    if (bot >= 0 && m_bots.noteStream)
        m_bots.noteStream(bot, +1);
}

void TradeUpdateRouter::closed(Link &link)
{
    if (!link.open)
        return;
    setBot(link, -1);
    link.open = false;
    link.connection.reset();
    prune();
}

void TradeUpdateRouter::prune()
{
    if (m_delivering > 0)
        return;
    std::erase_if(m_links, [](const std::shared_ptr<Link> &link) { return !link->open; });
}

} // namespace vigil::gateway
