#include "alpaca/AlpacaVenue.h"

#include "alpaca/AlpacaRecords.h"
#include "alpaca/AlpacaTime.h"
#include "alpaca/AlpacaWire.h"
#include "alpaca/MarketDataSide.h"
#include "alpaca/TradingSide.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace vigil::alpaca {

namespace {

constexpr std::int64_t kFinishGraceNs = 30 * kNsPerSecond; ///< after the close, how long day orders may take to expire

RestRequest get(const QString &path, const QUrlQuery &query = {})
{
    return RestRequest{"GET", path, query, {}, Priority::Read};
}

/// Why a start-up request failed, in the operator's words.
std::string startError(const RestResponse &r, const AlpacaVenueConfig &config, const char *what)
{
    if (r.status == 401 || r.status == 403)
        return std::string("Alpaca refused the key pair (HTTP ") + std::to_string(r.status) + ") for the "
               + std::string(toString(config.environment))
               + " environment: check the keys (vigil broker keys) and that they are the "
               + std::string(toString(config.environment)) + " account's";
    if (r.status == 0)
        return "Alpaca's trading API at " + config.restUrl + " cannot be reached: " + r.error;
    return std::string(what) + ": " + r.error;
}

} // namespace

AlpacaVenue::AlpacaVenue(const Config &config, const Date &sessionDate, BrokerKeyPair keys)
    : m_config(config)
    , m_alpaca(withDefaultUrls(config.venue.alpaca))
    , m_keys(std::move(keys))
{
    for (const SymbolSpec &s : config.simulator.symbols)
        m_universe.push_back(s.symbol);
    m_trading = std::make_shared<TradingThread>(m_alpaca, m_keys, "alpaca-trading");

    const RestResponse account = m_trading->call(get(QStringLiteral("/v2/account")));
    if (account.status != 200)
        throw std::runtime_error(startError(account, m_alpaca, "reading the account"));
    Read<WireAccount> facts = readAccount(account.body);
    if (auto *error = std::get_if<std::string>(&facts))
        throw std::runtime_error("Alpaca's account could not be read: " + *error);
    m_startCash = std::get<WireAccount>(facts).cash;

    QUrlQuery day;
    day.addQueryItem(QStringLiteral("start"), QString::fromStdString(sessionDate.toIso()));
    day.addQueryItem(QStringLiteral("end"), QString::fromStdString(sessionDate.toIso()));
    const RestResponse calendar = m_trading->call(get(QStringLiteral("/v2/calendar"), day));
    if (calendar.status != 200)
        throw std::runtime_error(startError(calendar, m_alpaca, "reading the calendar"));
    Read<std::vector<SessionWindow>> days = readCalendar(calendar.body);
    if (auto *error = std::get_if<std::string>(&days))
        throw std::runtime_error("Alpaca's calendar could not be read: " + *error);
    const auto &windows = std::get<std::vector<SessionWindow>>(days);
    const auto found = std::find_if(windows.begin(), windows.end(),
                                    [&](const SessionWindow &w) { return w.date.toIso() == sessionDate.toIso(); });
    if (found == windows.end())
        throw std::runtime_error(sessionDate.toIso() + " is not a trading day in Alpaca's calendar");
    m_session = *found;

    const RestResponse clock = m_trading->call(get(QStringLiteral("/v2/clock")));
    Read<WireClock> c = clock.status == 200 ? readClock(clock.body) : Read<WireClock>(clock.error);
    if (auto *error = std::get_if<std::string>(&c))
        throw std::runtime_error("Alpaca's clock could not be read: " + *error);
    m_link.clockAt.store(std::get<WireClock>(c).timestamp);
    m_link.clockWallNs.store(wallNowNs());

    // The universe against Alpaca's assets: a symbol it does not trade is refused and reported;
    // one it does not lend (shortable false, or not said) is never sold beyond what is held.
    m_start.symbols = m_universe;
    m_start.tradable.assign(m_universe.size(), true);
    m_start.shortable.assign(m_universe.size(), true);
    m_start.positions.assign(m_universe.size(), 0);
    for (std::size_t i = 0; i < m_universe.size(); ++i) {
        const RestResponse asset =
            m_trading->call(get(QStringLiteral("/v2/assets/") + QString::fromStdString(m_universe[i])));
        const QJsonObject o = QJsonDocument::fromJson(asset.body).object();
        if (asset.status == 200 && o.value(QLatin1String("tradable")).toBool()
            && o.value(QLatin1String("status")).toString() == QLatin1String("active")) {
            if (!o.value(QLatin1String("shortable")).toBool()) {
                m_start.shortable[i] = false;
                spdlog::warn("alpaca: {} cannot be sold short at the broker ({}); a sell beyond the shares held is "
                             "refused",
                             m_universe[i],
                             o.contains(QLatin1String("shortable")) ? "not shortable" : "its asset does not say");
            }
            continue;
        }
        if (asset.status != 200 && asset.status != 404)
            throw std::runtime_error(startError(asset, m_alpaca, "reading the assets"));
        m_start.tradable[i] = false;
        spdlog::error("alpaca: {} is not tradable at the broker ({}); its orders will be refused", m_universe[i],
                      asset.status == 404 ? std::string("unknown asset") : std::string("not active or not tradable"));
    }
    // The account's positions, from which the adapter follows what may be sold without a short.
    const RestResponse positions = m_trading->call(get(QStringLiteral("/v2/positions")));
    Read<std::vector<WirePosition>> held =
        positions.status == 200 ? readPositions(positions.body) : Read<std::vector<WirePosition>>(positions.error);
    if (auto *error = std::get_if<std::string>(&held))
        throw std::runtime_error("Alpaca's positions could not be read: " + *error);
    for (const WirePosition &p : std::get<std::vector<WirePosition>>(held)) {
        const auto at = std::find(m_universe.begin(), m_universe.end(), p.symbol);
        if (at != m_universe.end())
            m_start.positions[static_cast<std::size_t>(at - m_universe.begin())] = p.qty;
    }
    m_records = std::make_shared<AlpacaRecords>(m_trading, sessionDate, m_link.closingOrders);
    spdlog::info("alpaca ({}): session {} {}–{} New York; {} of {} symbols tradable", toString(m_alpaca.environment),
                 m_session.date.toIso(), m_session.clockText(m_session.open), m_session.clockText(m_session.close),
                 std::count(m_start.tradable.begin(), m_start.tradable.end(), true), m_universe.size());
}

AlpacaVenue::~AlpacaVenue() { join(); }

SimTime AlpacaVenue::now() const
{
    const std::int64_t clockAt = m_link.clockAt.load(std::memory_order_relaxed);
    const SimTime extrapolated =
        clockAt == 0 ? utcNowNs() : clockAt + (wallNowNs() - m_link.clockWallNs.load(std::memory_order_relaxed));
    return std::max(extrapolated, m_link.latestStamp.load(std::memory_order_relaxed));
}

SessionWindow AlpacaVenue::sessionOf(const Date &date) const
{
    if (date.toIso() == m_session.date.toIso())
        return m_session;
    return sessionFor(date); // another day (a report, a restore's comparison): the regular hours
}

std::string AlpacaVenue::openRecords(const std::string &) { return {}; } // Alpaca keeps them

SimTime AlpacaVenue::lastActivity(const std::string &sessionDate) const
{
    std::vector<BrokerOrder> orders;
    if (!ordersOfDay(sessionDate, orders).empty())
        return 0;
    // Vigil's own orders only: an order placed by hand at Alpaca today is an outside trade
    // for reconciliation, not a sign that this session ran before.
    SimTime last = 0;
    for (const BrokerOrder &o : orders)
        if (o.number != 0)
            last = std::max(last, o.updatedAt);
    return last;
}

std::string AlpacaVenue::ordersOfDay(const std::string &sessionDate, std::vector<BrokerOrder> &out) const
{
    const auto date = parseDate(sessionDate);
    if (!date)
        return "not a date: " + sessionDate;
    return static_cast<const AlpacaRecords &>(*m_records).ordersOfDay(*date, out);
}

void AlpacaVenue::start(std::atomic<bool> &stop)
{
    auto *side = new TradingSide(m_link, m_trading->client(), m_alpaca, m_keys, m_start, m_session);
    side->moveToThread(m_trading->context()->thread());
    m_tradingSide = side;
    m_trading->run([side, resumed = std::move(m_resumed)] {
        side->resume(resumed);
        side->start();
    });
    m_market = std::make_unique<MarketDataSide>(m_alpaca, m_keys, m_universe, m_link.market, m_link.engineBell, stop);
    m_market->start();
}

void AlpacaVenue::join()
{
    if (m_joined)
        return;
    m_joined = true;
    if (m_market)
        m_market->stop();
    // The broker's books at the end, while the trading thread still runs.
    if (TradingSide *side = m_tradingSide.load()) {
        const RestResponse positions = m_trading->call(get(QStringLiteral("/v2/positions")));
        Read<std::vector<WirePosition>> read =
            positions.status == 200 ? readPositions(positions.body) : Read<std::vector<WirePosition>>(positions.error);
        if (auto *list = std::get_if<std::vector<WirePosition>>(&read)) {
            for (const WirePosition &p : *list)
                m_closing.positions.push_back({p.symbol, p.qty, p.costBasis, Money(), Money(), p.currentPrice});
        } else {
            m_closing.failure = "the broker's positions at the end: " + std::get<std::string>(read);
        }
        const AccountFacts account = m_records->account();
        if (account.cash)
            m_closing.cash = *account.cash;
        m_tradingSide.store(nullptr);
        QMetaObject::invokeMethod(
            m_trading->context(),
            [side] {
                side->stop();
                delete side;
            },
            Qt::BlockingQueuedConnection);
    }
    m_trading->stop();
}

void AlpacaVenue::send(const EngineMessage &message)
{
    if (message.kind == EngineMessage::Kind::Drill) {
        std::lock_guard lock(m_drillMutex);
        m_drills.push_back(message.drillNumber);
        return;
    }
    Backoff wait;
    while (!m_link.requests.tryPush(message)) {
        wait.pause(); // the trading thread drains it even while it waits for answers
    }
    if (!m_link.requestsScheduled.exchange(true, std::memory_order_acq_rel)) {
        TradingSide *side = m_tradingSide.load();
        m_trading->run([side] { side->drainRequests(); });
    }
}

bool AlpacaVenue::next(VenueMessage &out)
{
    if (!m_link.broker.tryPop(out) && !m_link.market.tryPop(out))
        return false;
    // Market data and reports move the venue's time on, within the session's two days: a
    // stamp that is not (a broken message) must not close the session early, and the
    // links' own messages, made on this machine, run at the venue's time.
    const SimTime dayStart = m_session.at(0, 0);
    const bool stamped = out.kind == VenueMessage::Kind::Quote || out.kind == VenueMessage::Kind::Trade
                         || out.kind == VenueMessage::Kind::Exec;
    if (stamped && out.exchangeTime > dayStart && out.exchangeTime < dayStart + 48 * 60 * kNsPerMinute) {
        std::int64_t latest = m_link.latestStamp.load(std::memory_order_relaxed);
        if (out.exchangeTime > latest)
            m_link.latestStamp.store(out.exchangeTime, std::memory_order_relaxed);
    } else {
        out.exchangeTime = out.time = now();
    }
    if (m_market) {
        const SimTime t = now();
        m_market->setMarketOpen(t >= m_session.open && t < m_session.close);
    }
    return true;
}

bool AlpacaVenue::finished()
{
    if (m_link.working.load() == 0 && m_link.inFlight.load() == 0)
        return true;
    const std::int64_t wall = wallNowNs();
    if (m_finishAskedWallNs == 0)
        m_finishAskedWallNs = wall;
    return wall - m_finishAskedWallNs > kFinishGraceNs;
}

std::optional<DrillOutcome> AlpacaVenue::drillOutcome(std::uint32_t number) const
{
    std::lock_guard lock(m_drillMutex);
    if (std::find(m_drills.begin(), m_drills.end(), number) == m_drills.end())
        return std::nullopt;
    return DrillOutcome{false, "drills run on the simulator only: at a real broker they would trade real "
                               "orders or cut a real connection"};
}

VenueLinks AlpacaVenue::links() const
{
    VenueLinks l;
    l.applies = true;
    l.live = m_alpaca.environment == AlpacaEnvironment::Live;
    if (const TradingSide *side = m_tradingSide.load()) {
        l.tradeStream = side->streamState();
        l.tradeReconnects = side->streamReconnects();
    }
    if (m_market) {
        l.dataStream = m_market->state();
        l.marketData = m_market->source();
        l.dataReconnects = m_market->reconnects();
    }
    const BudgetUsage u = m_trading->client().usage();
    l.requestsLastMinute = u.sentLastMinute;
    l.requestBudget = u.perMinute;
    l.requestsWaiting = u.waiting;
    l.rateLimitedUntilNs = u.pausedUntilNs;
    return l;
}

BrokerClosingBooks AlpacaVenue::closingBooks()
{
    join();
    return m_closing;
}

} // namespace vigil::alpaca
