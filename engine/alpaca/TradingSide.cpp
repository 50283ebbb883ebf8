#include "alpaca/TradingSide.h"

#include "alpaca/TradeStream.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace vigil::alpaca {

namespace {

constexpr int kOrdersPage = 500; ///< Alpaca's largest page of GET /v2/orders

/// GET /v2/orders' query for every order submitted after `since`, oldest first, one page.
QUrlQuery ordersSubmittedAfter(SimTime since)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("status"), QStringLiteral("all"));
    query.addQueryItem(QStringLiteral("after"), utcText(since));
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("asc"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(kOrdersPage));
    return query;
}
constexpr int kClockPollMs = 15'000;
constexpr int kGapSweepMs = 500;
constexpr int kKeepAliveMs = 1000;
constexpr SimTime kGapPatienceNs = kNsPerSecond;       ///< how long a parked execution waits for the ones before it
constexpr SimTime kCatchUpMarginNs = 5 * kNsPerSecond; ///< a catch-up starts this long before the last update
constexpr int kMaxPosts = 3;
}

TradingSide::TradingSide(AlpacaLink &link, RestClient &rest, const AlpacaVenueConfig &config, const BrokerKeyPair &keys,
                         UniverseAtStart universe, SessionWindow session)
    : m_link(link)
    , m_rest(rest)
    , m_config(config)
    , m_keys(keys)
    , m_universe(std::move(universe.symbols))
    , m_tradable(std::move(universe.tradable))
    , m_shortable(std::move(universe.shortable))
    , m_positions(std::move(universe.positions))
    , m_session(session)
    , m_clockTimer(new QTimer(this))
    , m_gapTimer(new QTimer(this))
    , m_keepAlive(new QTimer(this))
{
    m_clockTimer->setInterval(kClockPollMs);
    connect(m_clockTimer, &QTimer::timeout, this, [this] { pollClock(); });
    m_gapTimer->setInterval(kGapSweepMs);
    connect(m_gapTimer, &QTimer::timeout, this, [this] { sweepGaps(); });
    // The broker's heartbeat while its stream is trusted, as the simulator's broker keeps
    // one: the engine's health watch reads a silent broker as stale.
    m_keepAlive->setInterval(kKeepAliveMs);
    connect(m_keepAlive, &QTimer::timeout, this, [this] {
        if (m_listenedOnce && !m_brokerDown)
            pushStatus(ComponentStatus::Up);
    });
    m_rest.onRateLimited([this](int seconds) { pushLink(LinkEventKind::RateLimited, seconds); });
    TradeStream::Callbacks callbacks;
    callbacks.update = [this](const WireUpdate &u) { onUpdate(u); };
    callbacks.listening = [this] { onListening(); };
    callbacks.down = [this](int attempt) { onDown(attempt); };
    m_stream = new TradeStream(QString::fromStdString(m_config.streamUrl), m_keys, m_config.reconnectMinMs,
                               m_config.reconnectMaxMs, std::move(callbacks), this);
}

TradingSide::~TradingSide() = default;

void TradingSide::resume(const std::vector<BrokerOrder> &working)
{
    for (const BrokerOrder &b : working) {
        m_tracker.resumed(b.number, b.clientOrderId, b.brokerId, b.qty, b.filledQty, b.submittedAt);
        // What its later fills do to the position needs its symbol and side.
        EngineMessage m;
        m.kind = EngineMessage::Kind::NewOrder;
        m.orderId = b.number;
        m.symbol =
            static_cast<SymbolId>(std::find(m_universe.begin(), m_universe.end(), b.symbol) - m_universe.begin());
        m.side = b.side;
        m.type = b.type;
        m.qty = b.qty;
        m.limitPrice = b.limitPrice;
        m.setClientOrderId(b.clientOrderId);
        m_placed[b.number] = Placed{m, 1, true};
    }
    publishWorking();
}

void TradingSide::start()
{
    for (std::size_t i = 0; i < m_tradable.size(); ++i) {
        if (!m_tradable[i])
            pushLink(LinkEventKind::SymbolRefused, static_cast<std::int32_t>(i));
        else if (i < m_shortable.size() && !m_shortable[i])
            pushLink(LinkEventKind::SymbolNotShortable, static_cast<std::int32_t>(i));
    }
    m_startedAt = now();
    m_stream->open();
    m_clockTimer->start();
    m_gapTimer->start();
    m_keepAlive->start();
}

void TradingSide::stop()
{
    m_clockTimer->stop();
    m_gapTimer->stop();
    m_keepAlive->stop();
    m_stream->close();
}

LinkState TradingSide::streamState() const { return m_stream->state(); }
std::uint32_t TradingSide::streamReconnects() const { return m_stream->reconnects(); }
void TradingSide::dropStreamForTest() { m_stream->dropForTest(); }

SimTime TradingSide::now() const
{
    const std::int64_t clockAt = m_link.clockAt.load(std::memory_order_relaxed);
    const SimTime extrapolated =
        clockAt == 0 ? utcNowNs() : clockAt + (wallNowNs() - m_link.clockWallNs.load(std::memory_order_relaxed));
    return std::max(extrapolated, m_link.latestStamp.load(std::memory_order_relaxed));
}

// ---- to the engine ---------------------------------------------------------------------

void TradingSide::push(VenueMessage message, SimTime stamp)
{
    message.seq = ++m_seq;
    message.exchangeTime = stamp != 0 ? stamp : now();
    message.time = message.exchangeTime;
    std::int64_t latest = m_link.latestStamp.load(std::memory_order_relaxed);
    while (message.exchangeTime > latest
           && !m_link.latestStamp.compare_exchange_weak(latest, message.exchangeTime, std::memory_order_relaxed)) {
    }
    Backoff wait;
    while (!m_link.broker.tryPush(message)) {
        m_link.engineBell.ring();
        wait.pause(); // the engine drains it; this thread may wait, the engine never does
    }
    m_link.engineBell.ring();
}

void TradingSide::deliver(std::vector<ExecReport> &reports, SimTime stamp)
{
    // Alpaca's closing orders of a close-all reach the engine as the books' own.
    if (std::any_of(reports.begin(), reports.end(),
                    [](const ExecReport &r) { return r.orderId >= CloseAllocation::kFirstGroup; })) {
        std::vector<ExecReport> shared;
        for (const ExecReport &r : reports) {
            if (m_closing.isGroup(r.orderId))
                m_closing.translate(r, shared);
            else
                shared.push_back(r);
        }
        reports.swap(shared);
    }
    notePositions(reports);
    for (const ExecReport &r : reports) {
        VenueMessage m;
        m.kind = VenueMessage::Kind::Exec;
        m.exec = r;
        push(m, stamp);
    }
    reports.clear();
    publishWorking();
}

void TradingSide::pushStatus(ComponentStatus status)
{
    VenueMessage m;
    m.kind = VenueMessage::Kind::BrokerStatus;
    m.status = status;
    push(m, 0);
}

void TradingSide::pushLink(LinkEventKind kind, std::int32_t detail)
{
    VenueMessage m;
    m.kind = VenueMessage::Kind::Link;
    m.link = LinkEvent{kind, detail};
    push(m, 0);
}

void TradingSide::publishWorking()
{
    m_link.working.store(static_cast<std::int32_t>(m_tracker.workingCount()), std::memory_order_relaxed);
}

void TradingSide::observe(const WireOrder &order)
{
    std::vector<ExecReport> reports;
    m_tracker.observe(order, now(), reports);
    deliver(reports, order.updatedAt);
    const OrderId id = m_tracker.orderOf(order.clientOrderId);
    if (id != 0 && m_cancelWhenKnown.count(id) && !m_tracker.alpacaId(id).empty()) {
        m_cancelWhenKnown.erase(id);
        cancel(id, Priority::Cancel);
    }
}

void TradingSide::sendCounted(RestRequest request, std::function<void(const RestResponse &)> answered)
{
    m_link.inFlight.fetch_add(1, std::memory_order_relaxed);
    m_rest.send(std::move(request), [this, answered = std::move(answered)](const RestResponse &r) {
        m_link.inFlight.fetch_sub(1, std::memory_order_relaxed);
        answered(r);
    });
}

// ---- the engine's requests -------------------------------------------------------------

void TradingSide::drainRequests()
{
    m_link.requestsScheduled.store(false, std::memory_order_release);
    EngineMessage m;
    while (m_link.requests.tryPop(m)) {
        switch (m.kind) {
        case EngineMessage::Kind::NewOrder:
            if (m.inCloseAll) {
                // Held for the CloseAll that follows: Alpaca closes the symbol, not this order.
                m_placed[m.orderId] = Placed{m, 0, false};
                m_closing.collect({m.orderId, m.symbol, m.side, m.qty});
            } else {
                submit(m);
            }
            break;
        case EngineMessage::Kind::CloseAll: closeAll(); break;
        case EngineMessage::Kind::Cancel: cancel(m.orderId, Priority::Cancel); break;
        case EngineMessage::Kind::CancelAll: cancelAll(); break;
        case EngineMessage::Kind::Drill: break; // the venue answers drills itself: none runs at a real broker
        }
    }
}

void TradingSide::submit(const EngineMessage &m)
{
    const std::string clientId(m.clientOrderIdView());
    m_tracker.placed(m.orderId, clientId, m.qty, now());
    m_placed[m.orderId] = Placed{m, 0, false};
    publishWorking();
    if (const RejectReason refusal = refusalOf(m); refusal != RejectReason::None) {
        if (refusal == RejectReason::NotShortable)
            spdlog::warn("alpaca: order {} refused: selling {} {} would sell short, and Alpaca does not lend it",
                         clientId, m.qty, m_universe[m.symbol]);
        std::vector<ExecReport> reports;
        m_tracker.refused(m.orderId, refusal, reports);
        deliver(reports, 0);
        return;
    }
    post(m.orderId);
}

RejectReason TradingSide::refusalOf(const EngineMessage &m) const
{
    if (m.symbol >= m_universe.size() || (m.symbol < m_tradable.size() && !m_tradable[m.symbol]))
        return RejectReason::UnknownSymbol;
    if (m.side != Side::Sell || m.symbol >= m_shortable.size() || m_shortable[m.symbol])
        return RejectReason::None;
    // What may be sold without a short: the shares held, less what working sells may still sell.
    Quantity sellable = m.symbol < m_positions.size() ? m_positions[m.symbol] : 0;
    for (const auto &[id, placed] : m_placed)
        if (id != m.orderId && placed.message.symbol == m.symbol && placed.message.side == Side::Sell)
            sellable -= m_tracker.leaves(id);
    return m.qty > sellable ? RejectReason::NotShortable : RejectReason::None;
}

void TradingSide::notePositions(const std::vector<ExecReport> &reports)
{
    for (const ExecReport &r : reports) {
        if (r.type != ExecType::Fill)
            continue;
        const auto placed = m_placed.find(r.orderId);
        if (placed == m_placed.end() || placed->second.message.symbol >= m_positions.size())
            continue;
        m_positions[placed->second.message.symbol] += placed->second.message.side == Side::Buy ? r.fillQty : -r.fillQty;
    }
}

void TradingSide::post(OrderId id)
{
    Placed &entry = m_placed[id];
    const EngineMessage &m = entry.message;
    ++entry.attempts;
    QJsonObject body{
        {QStringLiteral("symbol"), QString::fromStdString(m_universe[m.symbol])},
        {QStringLiteral("qty"), QString::number(m.qty)},
        {QStringLiteral("side"), m.side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell")},
        {QStringLiteral("type"), m.type == OrderType::Limit ? QStringLiteral("limit") : QStringLiteral("market")},
        {QStringLiteral("time_in_force"), QStringLiteral("day")},
        {QStringLiteral("client_order_id"), QString::fromStdString(std::string(m.clientOrderIdView()))}};
    if (m.type == OrderType::Limit)
        body.insert(QStringLiteral("limit_price"), QString::fromStdString(m.limitPrice.toString()));
    RestRequest request{"POST",
                        QStringLiteral("/v2/orders"),
                        {},
                        QJsonDocument(body).toJson(QJsonDocument::Compact),
                        Priority::NewOrder};
    sendCounted(std::move(request), [this, id](const RestResponse &r) {
        Placed &placed = m_placed[id];
        if (r.status == 200) {
            Read<WireOrder> order = readOrder(QJsonDocument::fromJson(r.body).object());
            if (auto *w = std::get_if<WireOrder>(&order)) {
                placed.answered = true;
                observe(*w);
                return;
            }
            spdlog::error("alpaca: the answer to order {} could not be read ({}); asking for it by its client order id",
                          m_tracker.clientOrderId(id), std::get<std::string>(order));
            lookUp(id);
            return;
        }
        if (r.outcomeUnknown()) {
            // It may be at Alpaca or not: ask before anything else, never send it blindly again.
            spdlog::warn("alpaca: order {} unanswered ({}); asking for it by its client order id",
                         m_tracker.clientOrderId(id), r.error);
            lookUp(id);
            return;
        }
        const std::string message = errorMessage(r.body);
        if (r.status == 422 && message.find("client_order_id") != std::string::npos) {
            lookUp(id); // Alpaca has an order with this id: ours, sent before
            return;
        }
        spdlog::warn("alpaca refused order {}: HTTP {} {}", m_tracker.clientOrderId(id), r.status, message);
        placed.answered = true;
        std::vector<ExecReport> reports;
        m_tracker.refused(id,
                          r.status == 403 && message.find("buying power") != std::string::npos
                              ? RejectReason::InsufficientBuyingPower
                              : RejectReason::BrokerError,
                          reports);
        deliver(reports, 0);
    });
}

void TradingSide::lookUp(OrderId id)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_order_id"), QString::fromStdString(m_tracker.clientOrderId(id)));
    sendCounted({"GET", QStringLiteral("/v2/orders:by_client_order_id"), query, {}, Priority::Read},
                [this, id](const RestResponse &r) {
                    Placed &placed = m_placed[id];
                    if (r.status == 200) {
                        Read<WireOrder> order = readOrder(QJsonDocument::fromJson(r.body).object());
                        if (auto *w = std::get_if<WireOrder>(&order)) {
                            placed.answered = true;
                            observe(*w);
                            return;
                        }
                    }
                    if (r.status == 404) {
                        // Alpaca does not have it: sending it is not a repeat. A first POST still
                        // on its way would be refused as a reused client order id (422), which
                        // brings us back here to find it.
                        if (placed.attempts < kMaxPosts) {
                            post(id);
                            return;
                        }
                        std::vector<ExecReport> reports;
                        m_tracker.refused(id, RejectReason::BrokerUnavailable, reports);
                        deliver(reports, 0);
                        return;
                    }
                    // No answer either way: ask again shortly; the order is never given up as
                    // unknown while Alpaca may hold it.
                    spdlog::warn("alpaca: looking up order {} failed ({}); asking again", m_tracker.clientOrderId(id),
                                 r.error);
                    QTimer::singleShot(std::min(m_config.reconnectMaxMs, 1000), this, [this, id] { lookUp(id); });
                });
}

void TradingSide::cancel(OrderId id, Priority priority)
{
    if (const OrderId group = m_closing.groupOf(id); group != 0)
        id = group; // a close-all's order: Alpaca's closing order of its symbol is cancelled
    const std::string alpacaId = m_tracker.alpacaId(id);
    if (alpacaId.empty()) {
        if (m_placed.count(id))
            m_cancelWhenKnown.insert(id); // its POST is on its way: cancel once Alpaca names it
        else {
            std::vector<ExecReport> reports;
            m_tracker.cancelRefused(id, RejectReason::UnknownOrder, reports);
            deliver(reports, 0);
        }
        return;
    }
    sendCounted({"DELETE", QStringLiteral("/v2/orders/") + QString::fromStdString(alpacaId), {}, {}, priority},
                [this, id, priority](const RestResponse &r) {
                    if (r.status == 204 || r.status == 200)
                        return; // the stream brings canceled (or the fill that beat it)
                    if (r.outcomeUnknown()) {
                        QTimer::singleShot(500, this, [this, id, priority] { cancel(id, priority); });
                        return;
                    }
                    // 422: no longer cancelable (filled or done meanwhile): not the broker
                    // failing; the order's own state says what happened to it.
                    if (r.status == 422) {
                        settleRefusedCancel(id);
                        return;
                    }
                    std::vector<ExecReport> reports;
                    m_tracker.cancelRefused(
                        id, r.status == 404 ? RejectReason::UnknownOrder : RejectReason::BrokerError, reports);
                    deliver(reports, 0);
                });
}

void TradingSide::settleRefusedCancel(OrderId id)
{
    // Alpaca's 422 "order is not cancelable": it filled or ended before the cancel came, a
    // race the stream settles, unless it is away. Refusing the cancel would have the engine
    // ask again and again (each refusal a broker error towards the kill switch's streak)
    // until the stream is back, so what the order became is read instead: an end reaches
    // the engine as the broker's own (its fills first, read as a gap), and only an order
    // still working there hears the refusal.
    const std::string alpacaId = m_tracker.alpacaId(id);
    sendCounted({"GET", QStringLiteral("/v2/orders/") + QString::fromStdString(alpacaId), {}, {}, Priority::Read},
                [this, id](const RestResponse &r) {
                    Read<WireOrder> order = r.status == 200 ? readOrder(QJsonDocument::fromJson(r.body).object())
                                                            : Read<WireOrder>(r.error);
                    if (const auto *w = std::get_if<WireOrder>(&order)) {
                        observe(*w);
                        if (isTerminalStatus(w->status))
                            return;
                    }
                    std::vector<ExecReport> reports;
                    m_tracker.cancelRefused(id, RejectReason::UnknownOrder, reports);
                    deliver(reports, 0);
                });
}

void TradingSide::cancelAll()
{
    sendCounted({"DELETE", QStringLiteral("/v2/orders"), {}, {}, Priority::Kill}, [this](const RestResponse &r) {
        if (r.status != 207 && r.status != 200) {
            spdlog::error("alpaca: cancel all failed ({}); cancelling each working order", r.error);
            retryBulkItems(m_tracker.workingAlpacaIds(), 0);
            return;
        }
        Read<std::vector<WireBulkItem>> items = readBulk(r.body);
        if (auto *error = std::get_if<std::string>(&items)) {
            spdlog::error("alpaca: the cancel-all answer could not be read ({}); cancelling each working order",
                          *error);
            retryBulkItems(m_tracker.workingAlpacaIds(), 0);
            return;
        }
        std::vector<std::string> failed;
        for (const WireBulkItem &item : std::get<std::vector<WireBulkItem>>(items)) {
            if (item.status >= 200 && item.status < 300) {
                if (item.order)
                    observe(*item.order);
            } else {
                spdlog::error("alpaca: cancel-all item {} failed: HTTP {} {}", item.key, item.status, item.message);
                failed.push_back(item.key);
            }
        }
        if (!failed.empty()) {
            pushLink(LinkEventKind::BulkItemFailed, static_cast<std::int32_t>(failed.size()));
            retryBulkItems(std::move(failed), 0);
        }
    });
}

void TradingSide::retryBulkItems(std::vector<std::string> ids, int round)
{
    if (ids.empty())
        return;
    auto remaining = std::make_shared<std::vector<std::string>>();
    auto left = std::make_shared<std::size_t>(ids.size());
    for (const std::string &alpacaId : ids) {
        sendCounted(
            {"DELETE", QStringLiteral("/v2/orders/") + QString::fromStdString(alpacaId), {}, {}, Priority::Kill},
            [this, alpacaId, remaining, left, round](const RestResponse &r) {
                // 204 cancelled; 404 / 422: nothing left to cancel (done or unknown there).
                if (r.status != 204 && r.status != 200 && r.status != 404 && r.status != 422)
                    remaining->push_back(alpacaId);
                if (--*left != 0)
                    return;
                if (remaining->empty()) {
                    pushLink(LinkEventKind::BulkItemsCleared, 0);
                    return;
                }
                if (round + 1 >= kMaxBulkRetries) {
                    spdlog::critical("alpaca: {} orders could not be cancelled after {} rounds", remaining->size(),
                                     kMaxBulkRetries);
                    pushLink(LinkEventKind::BulkItemFailed, static_cast<std::int32_t>(remaining->size()));
                    return;
                }
                QTimer::singleShot(500 * (round + 1), this,
                                   [this, remaining, round] { retryBulkItems(std::move(*remaining), round + 1); });
            });
    }
}

// ---- the trade stream ------------------------------------------------------------------

void TradingSide::onUpdate(const WireUpdate &update)
{
    m_lastUpdateAt = std::max(m_lastUpdateAt, update.timestamp);
    if (m_tracker.orderOf(update.order.clientOrderId) == 0) {
        m_unclaimed.push_back(update);
        if (m_unclaimed.size() > kUnclaimedKept)
            m_unclaimed.pop_front();
        return;
    }
    std::vector<ExecReport> reports;
    if (update.event == "fill" || update.event == "partial_fill")
        m_tracker.execution(update.order, update.qty, update.price, now(), reports);
    else
        m_tracker.observe(update.order, now(), reports);
    deliver(reports, update.timestamp);
    const OrderId id = m_tracker.orderOf(update.order.clientOrderId);
    if (id != 0 && m_cancelWhenKnown.count(id)) {
        m_cancelWhenKnown.erase(id);
        cancel(id, Priority::Cancel);
    }
}

void TradingSide::onListening()
{
    if (!m_listenedOnce) {
        m_listenedOnce = true;
        if (!m_brokerDown) {
            m_stream->markCaughtUp();
            pushStatus(ComponentStatus::Up);
            pollClock();
            // Orders sent while the stream was still authenticating, and those a restart took
            // back: their updates until now went to no one. What they are now is read once;
            // executions it shows are fetched as gaps.
            if (m_tracker.workingCount() > 0)
                observeOrdersSince(catchUpFrom(m_startedAt), [](std::int32_t) {});
            return;
        }
        // The stream failed before it ever listened: what was sent since the start changed
        // unseen, and is fetched (which also reports the broker up again) as after a gap.
        pollClock();
        catchUp(catchUpFrom(m_startedAt));
        return;
    }
    // Back after a gap: what changed meanwhile is fetched before the stream is trusted.
    catchUp(catchUpFrom(std::min(m_downSince, m_lastUpdateAt == 0 ? m_downSince : m_lastUpdateAt)));
}

SimTime TradingSide::catchUpFrom(SimTime gapStart) const
{
    SimTime from = gapStart > 0 ? gapStart - kCatchUpMarginNs : m_session.at(0, 0);
    if (m_tracker.workingCount() > 0)
        from = std::min(from, m_tracker.oldestWorkingSubmittedAt() - kCatchUpMarginNs);
    return std::max(from, m_session.at(0, 0)); // only day orders are sent: none is older than the day
}

void TradingSide::onDown(int attempt)
{
    pushLink(LinkEventKind::TradeStreamDown, attempt);
    if (!m_brokerDown) {
        m_brokerDown = true;
        m_downSince = now();
        pushStatus(ComponentStatus::Down);
    }
}

void TradingSide::observeOrdersSince(SimTime since, std::function<void(std::int32_t)> then, std::int32_t read)
{
    m_rest.send({"GET", QStringLiteral("/v2/orders"), ordersSubmittedAfter(since), {}, Priority::Read},
                [this, since, then = std::move(then), read](const RestResponse &r) mutable {
                    Read<std::vector<WireOrder>> orders =
                        r.status == 200 ? readOrders(r.body) : Read<std::vector<WireOrder>>(r.error);
                    if (auto *error = std::get_if<std::string>(&orders)) {
                        spdlog::warn("alpaca: reading the orders submitted after {} failed ({}); trying again",
                                     utcText(since).toStdString(), *error);
                        QTimer::singleShot(1000, this, [this, since, then = std::move(then), read]() mutable {
                            observeOrdersSince(since, std::move(then), read);
                        });
                        return;
                    }
                    const auto &list = std::get<std::vector<WireOrder>>(orders);
                    for (const WireOrder &o : list)
                        observe(o);
                    read += static_cast<std::int32_t>(list.size());
                    if (list.size() < static_cast<std::size_t>(kOrdersPage)) {
                        then(read);
                        return;
                    }
                    // A full page: the next starts just before its last order's submission, so that
                    // orders submitted in the same instant are read again (observing twice is harmless)
                    // rather than skipped; a page all of one instant moves past it. A page that would
                    // not move on (submission times missing) ends the reading rather than loop.
                    const SimTime first = list.front().submittedAt;
                    const SimTime last = list.back().submittedAt;
                    const SimTime next = first == last ? last : last - 1;
                    if (next <= since) {
                        spdlog::error("alpaca: a full page of orders submitted after {} does not move past it; "
                                      "reading no further",
                                      utcText(since).toStdString());
                        then(read);
                        return;
                    }
                    observeOrdersSince(next, std::move(then), read);
                });
}

void TradingSide::catchUp(SimTime since)
{
    observeOrdersSince(since, [this, since](std::int32_t fetched) {
        // Executions the stream never brought: from the FILL activities, before the broker is
        // reported up again.
        const std::vector<std::string> gaps = m_tracker.gaps(kNever);
        auto finish = [this, fetched] {
            m_brokerDown = false;
            m_stream->markCaughtUp();
            pushLink(LinkEventKind::TradeStreamRestored, fetched);
            pushStatus(ComponentStatus::Up);
        };
        if (gaps.empty()) {
            finish();
            return;
        }
        m_afterFills.push_back(finish); // the broker is up once they are booked
        if (!m_fetchingFills) {
            m_fetchingFills = true;
            fetchFills(since, {}, 0);
        }
    });
}

void TradingSide::fetchFills(SimTime since, std::string pageToken, int fetched)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), utcText(since));
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("asc"));
    query.addQueryItem(QStringLiteral("page_size"), QStringLiteral("100"));
    if (!pageToken.empty())
        query.addQueryItem(QStringLiteral("page_token"), QString::fromStdString(pageToken));
    m_rest.send({"GET", QStringLiteral("/v2/account/activities/FILL"), query, {}, Priority::Read},
                [this, since, fetched](const RestResponse &r) {
                    Read<std::vector<WireFill>> fills =
                        r.status == 200 ? readFills(r.body) : Read<std::vector<WireFill>>(r.error);
                    if (auto *error = std::get_if<std::string>(&fills)) {
                        spdlog::warn("alpaca: reading the fill activities failed ({}); trying again", *error);
                        QTimer::singleShot(1000, this, [this, since] { fetchFills(since, {}, 0); });
                        return;
                    }
                    const auto &list = std::get<std::vector<WireFill>>(fills);
                    std::vector<ExecReport> reports;
                    m_tracker.fills(list, now(), reports);
                    const auto booked = static_cast<int>(std::count_if(
                        reports.begin(), reports.end(), [](const ExecReport &x) { return x.type == ExecType::Fill; }));
                    deliver(reports, 0);
                    if (list.size() == 100) {
                        fetchFills(since, list.back().id, fetched + booked);
                        return;
                    }
                    if (fetched + booked > 0)
                        pushLink(LinkEventKind::CaughtUpFills, fetched + booked);
                    m_fetchingFills = false;
                    std::vector<std::function<void()>> waiting;
                    waiting.swap(m_afterFills);
                    for (const auto &fn : waiting)
                        fn();
                });
}

void TradingSide::sweepGaps()
{
    if (m_fetchingFills || m_brokerDown)
        return;
    const std::vector<std::string> gaps = m_tracker.gaps(now() - kGapPatienceNs);
    if (gaps.empty())
        return;
    spdlog::warn("alpaca: {} orders miss executions the stream did not bring; reading the fill activities",
                 gaps.size());
    m_fetchingFills = true;
    fetchFills(m_session.at(0, 0), {}, 0);
}

void TradingSide::pollClock()
{
    const std::int64_t askedAt = wallNowNs();
    m_rest.send({"GET", QStringLiteral("/v2/clock"), {}, {}, Priority::Read}, [this, askedAt](const RestResponse &r) {
        if (r.status != 200)
            return; // the next poll tries again; messages' stamps still move the time on
        Read<WireClock> clock = readClock(r.body);
        if (auto *c = std::get_if<WireClock>(&clock)) {
            // The answer left the server somewhere between asking and now: take the middle.
            const std::int64_t wall = askedAt + (wallNowNs() - askedAt) / 2;
            m_link.clockAt.store(c->timestamp, std::memory_order_relaxed);
            m_link.clockWallNs.store(wall, std::memory_order_relaxed);
        }
    });
}

} // namespace vigil::alpaca
