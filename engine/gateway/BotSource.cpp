#include "gateway/BotSource.h"

#include "gateway/HubShared.h"
#include "oms/Order.h"

#include <QCryptographicHash>
#include <QDate>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace vigil::gateway {

namespace {

constexpr int kForbidden = 40310000;
constexpr int kInvalid = 40010001;
constexpr int kNotFound = 40410000;
/// Alpaca's limit on a client_order_id.
constexpr std::size_t kMaxClientOrderId = 48;

ApiError error(int status, int code, std::string message, std::vector<std::pair<std::string, std::string>> context = {})
{
    return {status, code, std::move(message), std::move(context)};
}

/// A refusal the engine made before the order existed at the broker: the bot was answered
/// with an error, so it never was one of the bot's orders.
bool refusedBeforeSending(const StrategyOrder &o)
{
    if (o.status != OrderStatus::Rejected)
        return false;
    switch (o.rejectReason) {
    case RejectReason::OrderQuantity:
    case RejectReason::OrderNotional:
    case RejectReason::PriceCollar:
    case RejectReason::PositionLimit:
    case RejectReason::GrossExposure:
    case RejectReason::OpenOrders:
    case RejectReason::OrderRate:
    case RejectReason::DuplicateOrder:
    case RejectReason::StrategyStopped:
    case RejectReason::SymbolReduceOnly:
    case RejectReason::ReconciliationBlock:
    case RejectReason::TradingStopped: return true;
    default: return false;
    }
}

/// The check's refusal is about the order's own shape (422) rather than what it would do
/// to the account (403).
bool malformed(RejectReason r)
{
    return r == RejectReason::OrderQuantity || r == RejectReason::PriceCollar || r == RejectReason::InvalidQuantity
           || r == RejectReason::InvalidPrice || r == RejectReason::DuplicateOrder;
}

std::optional<TradeEvent> eventOf(OrderStatus status)
{
    switch (status) {
    case OrderStatus::New: return TradeEvent::PendingNew;
    case OrderStatus::Accepted: return TradeEvent::New;
    case OrderStatus::PartiallyFilled: return TradeEvent::PartialFill;
    case OrderStatus::Filled: return TradeEvent::Fill;
    case OrderStatus::CancelPending: return TradeEvent::PendingCancel;
    case OrderStatus::Cancelled: return TradeEvent::Canceled;
    case OrderStatus::Rejected: return TradeEvent::Rejected;
    case OrderStatus::Expired: return TradeEvent::Expired;
    case OrderStatus::Unknown: return std::nullopt;
    }
    return std::nullopt;
}

Date toDate(const QDate &d) { return {d.year(), d.month(), d.day()}; }
QDate toQDate(const Date &d) { return {d.year, d.month, d.day}; }

/// The next weekday after `date` (the venue's calendar knows no holidays).
Date nextTradingDay(const Date &date)
{
    QDate d = toQDate(date).addDays(1);
    while (d.dayOfWeek() > 5)
        d = d.addDays(1);
    return toDate(d);
}

std::string text(Quantity q) { return std::to_string(q); }

} // namespace

std::string BotSource::orderUuid(std::string_view clientOrderId)
{
    // A name-based UUID (version 5 layout, SHA-1 of a fixed namespace and the name), so the
    // same order has the same id in every process that knows it.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArrayView("vigil-gateway-order:"));
    hash.addData(QByteArrayView(clientOrderId.data(), static_cast<qsizetype>(clientOrderId.size())));
    QByteArray bytes = hash.result().left(16);
    bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x50);
    bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
    const QByteArray hex = bytes.toHex();
    std::string uuid = hex.toStdString();
    for (const std::size_t at : {20, 16, 12, 8})
        uuid.insert(at, 1, '-');
    return uuid;
}

BotSource::BotSource(std::shared_ptr<HubShared> hub, int bot)
    : m_hub(std::move(hub))
    , m_bot(bot)
    , m_config(m_hub->bots[static_cast<std::size_t>(bot)])
    , m_trades(m_hub->universe.size(), m_config.symbols.empty())
{
    for (const std::string &name : m_config.symbols) {
        const int symbol = symbolOf(name);
        if (symbol < 0)
            throw std::invalid_argument("bot " + m_config.name + ": symbol " + name
                                        + " is not in the venue's universe");
        m_trades[static_cast<std::size_t>(symbol)] = true;
    }
}

BotSource::~BotSource()
{
    std::vector<BotChannel::Pending> left;
    {
        BotChannel &channel = *m_hub->channels[static_cast<std::size_t>(m_bot)];
        std::lock_guard lock(channel.mutex);
        channel.doorbell = nullptr; // the engine's doorbell goes with it
        left.swap(channel.queue);
    }
    for (BotChannel::Pending &p : left)
        m_replies.emplace_back(std::move(p.reply), error(503, 50300000, "the trading engine has stopped"));
    flush();
}

StrategyIdentity BotSource::identity() const
{
    return {m_config.name, m_config.displayName.empty() ? m_config.name : m_config.displayName, m_config.code,
            m_config.intraday};
}

void BotSource::connect(StrategyDoorbell &doorbell)
{
    BotChannel &channel = *m_hub->channels[static_cast<std::size_t>(m_bot)];
    std::lock_guard lock(channel.mutex);
    channel.doorbell = &doorbell;
}

int BotSource::symbolOf(std::string_view name) const
{
    const std::vector<std::string> &universe = m_hub->universe;
    const auto it = std::find(universe.begin(), universe.end(), name);
    return it == universe.end() ? -1 : static_cast<int>(it - universe.begin());
}

// ---- the engine's news of its orders ----------------------------------------------------

BotSource::Entry &BotSource::entryOf(StrategyContext &ctx, const StrategyOrder &view, bool byOperator)
{
    if (const auto found = m_byId.find(view.id); found != m_byId.end())
        return m_orders[found->second];
    Entry entry;
    entry.byOperator = byOperator;
    BotOrder &o = entry.order;
    o.id = view.id;
    o.uuid = orderUuid(view.clientOrderId);
    o.clientOrderId = view.reference.empty() ? o.uuid : std::string(view.reference);
    o.symbol = view.symbol < ctx.symbols().size() ? ctx.symbols()[view.symbol] : std::string("?");
    o.side = view.side;
    o.type = view.type;
    o.qty = view.qty;
    o.limitPrice = view.limitPrice;
    o.createdAt = view.createdAt;
    const std::size_t index = m_orders.size();
    m_byId[o.id] = index;
    m_byUuid[o.uuid] = index;
    m_byClientId[o.clientOrderId] = index;
    if (!byOperator)
        m_open.insert(index);
    m_orders.push_back(std::move(entry));
    return m_orders.back();
}

void BotSource::update(Entry &entry, StrategyContext &ctx, const StrategyOrder &view)
{
    BotOrder &o = entry.order;
    const SimTime now = ctx.now();
    if (o.status != view.status || o.filledQty != view.filledQty)
        o.updatedAt = now;
    o.status = view.status;
    if (isTerminal(view.status))
        m_open.erase(static_cast<std::size_t>(&entry - m_orders.data()));
    o.filledQty = view.filledQty;
    o.filledAvgPrice = view.averageFillPrice;
    o.rejectReason = view.rejectReason;
    if (view.status == OrderStatus::Filled && o.filledAt == 0)
        o.filledAt = now;
    if (view.status == OrderStatus::Cancelled && o.canceledAt == 0)
        o.canceledAt = now;
    if (view.status == OrderStatus::Expired && o.expiredAt == 0)
        o.expiredAt = now;
    if (view.status == OrderStatus::Rejected && o.failedAt == 0)
        o.failedAt = now;
}

void BotSource::tell(Entry &entry, TradeEvent event, StrategyContext &ctx, const StrategyFill *fill)
{
    TradeUpdate u;
    u.event = event;
    u.order = entry.order;
    u.timestamp = ctx.now();
    if (fill) {
        u.executionId = orderUuid(entry.order.uuid + "/" + std::to_string(fill->executionId));
        u.price = fill->price;
        u.qty = fill->qty;
        const int symbol = symbolOf(entry.order.symbol);
        u.positionQty = symbol < 0 ? 0 : ctx.position(static_cast<SymbolId>(symbol));
        record(entry.order, u.executionId, fill->price, fill->qty, u.timestamp);
    }
    entry.told = entry.order.status;
    m_updates.push_back(std::move(u));
}

void BotSource::record(const BotOrder &order, std::string executionId, Price price, Quantity qty, SimTime at)
{
    BotActivity a;
    a.executionId = std::move(executionId);
    a.time = at;
    a.orderUuid = order.uuid;
    a.symbol = order.symbol;
    a.side = order.side;
    a.price = price;
    a.qty = qty;
    a.cumQty = order.filledQty;
    a.leavesQty = isTerminal(order.status) ? 0 : order.qty - order.filledQty;
    a.orderStatus = order.status;
    m_fills.push_back(std::move(a));
}

void BotSource::onFill(StrategyContext &ctx, const StrategyOrder &order, const StrategyFill &fill)
{
    handle(ctx, order, &fill, false);
}

void BotSource::onOrderUpdate(StrategyContext &ctx, const StrategyOrder &order) { handle(ctx, order, nullptr, false); }

void BotSource::onOperatorOrder(StrategyContext &ctx, const StrategyOrder &order, const StrategyFill *fill)
{
    handle(ctx, order, fill, true); // a flatten's: the bot hears of it as of its own
}

void BotSource::handle(StrategyContext &ctx, const StrategyOrder &view, const StrategyFill *fill, bool byOperator)
{
    Entry &entry = entryOf(ctx, view, byOperator);
    update(entry, ctx, view);
    if (fill) {
        tell(entry, view.status == OrderStatus::Filled ? TradeEvent::Fill : TradeEvent::PartialFill, ctx, fill);
    } else if (view.status != entry.told && view.status != OrderStatus::PartiallyFilled
               && view.status != OrderStatus::Filled) {
        // Fills were told with their execution; a state reached without one is told here.
        if (const std::optional<TradeEvent> event = eventOf(view.status))
            tell(entry, *event, ctx);
    }
    // ioc: whatever the first report leaves working is cancelled.
    if (entry.order.timeInForce == TimeInForce::Ioc && !entry.iocCancelled && view.status != OrderStatus::New
        && !isTerminal(view.status) && view.status != OrderStatus::CancelPending) {
        entry.iocCancelled = true;
        if (ctx.cancel(view.id)) {
            entry.order.status = OrderStatus::CancelPending;
            entry.order.updatedAt = ctx.now();
            tell(entry, TradeEvent::PendingCancel, ctx);
        }
    }
    flush();
}

void BotSource::onResume(StrategyContext &ctx, const std::vector<StrategyOrder> &orders)
{
    // The table as the journal and the broker left it; nothing of it is told again.
    m_orders.clear();
    m_open.clear();
    m_byId.clear();
    m_byUuid.clear();
    m_byClientId.clear();
    m_fills.clear();
    for (const StrategyOrder &view : orders) {
        if (refusedBeforeSending(view))
            continue;
        Entry &entry = entryOf(ctx, view, false);
        update(entry, ctx, view);
        entry.order.updatedAt = view.createdAt;
        entry.told = view.status;
        // Its executions' sizes and times are not in the view: what was filled becomes one
        // execution at its average price, told as of now, so that cum_qty stays exact.
        if (view.filledQty > 0)
            record(entry.order, orderUuid(entry.order.uuid + "/journal"), view.averageFillPrice, view.filledQty,
                   ctx.now());
    }
}

// ---- the bot's requests -----------------------------------------------------------------

void BotSource::poll(StrategyContext &ctx)
{
    std::vector<BotChannel::Pending> taken;
    {
        BotChannel &channel = *m_hub->channels[static_cast<std::size_t>(m_bot)];
        std::lock_guard lock(channel.mutex);
        taken.swap(channel.queue);
    }
    for (BotChannel::Pending &p : taken)
        m_replies.emplace_back(std::move(p.reply), answer(ctx, p.request));
    flush();
}

void BotSource::flush()
{
    if (m_replies.empty() && m_updates.empty())
        return;
    m_hub->post([bot = m_bot, replies = std::move(m_replies), updates = std::move(m_updates)](HubShared &hub) {
        for (const TradeUpdate &u : updates)
            if (hub.tradeSink)
                hub.tradeSink(bot, u);
        for (const auto &[reply, value] : replies)
            reply(value);
    });
    m_replies.clear();
    m_updates.clear();
}

BotReply BotSource::answer(StrategyContext &ctx, const BotRequest &request)
{
    return std::visit([this, &ctx](const auto &r) { return answer(ctx, r); }, request);
}

Money BotSource::committed(StrategyContext &ctx) const
{
    Money total;
    for (std::size_t s = 0; s < ctx.symbols().size(); ++s) {
        const auto symbol = static_cast<SymbolId>(s);
        const Quantity qty = ctx.position(symbol);
        if (qty != 0)
            total += notional(ctx.averageCost(symbol), std::llabs(qty));
    }
    for (const std::size_t index : m_open) {
        const Entry &e = m_orders[index];
        Price price = e.order.limitPrice;
        if (price.raw() == 0) { // a market order: at the quote it would take
            const int symbol = symbolOf(e.order.symbol);
            if (symbol >= 0) {
                const Quote &q = ctx.quote(static_cast<SymbolId>(symbol));
                price = e.order.side == Side::Buy ? q.ask : q.bid;
            }
        }
        total += notional(price, e.order.qty - e.order.filledQty);
    }
    return total;
}

std::optional<ApiError> BotSource::overLimit(StrategyContext &ctx, SymbolId symbol, Side side, Quantity qty,
                                             Price price) const
{
    if (qty > m_config.maxOrderQty)
        return error(
            403, kForbidden, "order quantity above the bot's limit",
            {{"check", "bot max order qty"}, {"qty", text(qty)}, {"max_order_qty", text(m_config.maxOrderQty)}});
    const Quantity held = ctx.position(symbol);
    const Quantity after = held + sideSign(side) * qty;
    const bool reducing =
        held != 0 && std::llabs(after) < std::llabs(held) && (after == 0 || (after > 0) == (held > 0));
    if (reducing || price.raw() <= 0)
        return std::nullopt; // an exit commits nothing; without a price the engine's collar refuses it
    const Money cost = notional(price, qty);
    const Money limit = m_config.buyingPower;
    const Money buyingPower = std::max(Money{}, limit - committed(ctx));
    if (cost > buyingPower)
        return error(
            403, kForbidden, "insufficient buying power",
            {{"check", "bot buying power"}, {"buying_power", buyingPower.toString()}, {"cost_basis", cost.toString()}});
    const Money positionValue = notional(price, std::llabs(after));
    if (positionValue > m_config.maxPositionNotional)
        return error(403, kForbidden, "position value above the bot's limit",
                     {{"check", "bot max position notional"},
                      {"position_value", positionValue.toString()},
                      {"max_position_notional", m_config.maxPositionNotional.toString()}});
    return std::nullopt;
}

ApiError BotSource::refusal(StrategyContext &ctx, const Submission &s) const
{
    std::vector<std::pair<std::string, std::string>> context{{"check", std::string(toString(s.refusal))}};
    if (!s.detail.empty())
        context.emplace_back("detail", s.detail);
    switch (s.refusal) {
    case RejectReason::TradingStopped:
        switch (ctx.tradingState()) {
        case TradingState::Paused:
            return error(403, kForbidden,
                         "account is reduce-only: trading is paused; only orders that reduce a position are accepted",
                         std::move(context));
        case TradingState::Halted:
        case TradingState::Killed:
        case TradingState::Maintenance:
            return error(403, kForbidden, "trading is blocked: trading is " + std::string(toString(ctx.tradingState())),
                         std::move(context));
        case TradingState::Active: break;
        }
        return error(403, kForbidden,
                     "order refused: " + (s.detail.empty() ? std::string("trading stopped") : s.detail),
                     std::move(context));
    case RejectReason::StrategyStopped:
        return error(403, kForbidden, "trading is blocked for this bot: it is stopped until an operator enables it",
                     std::move(context));
    case RejectReason::MarketClosed: return error(403, kForbidden, "market is closed", std::move(context));
    case RejectReason::UnknownSymbol: return error(422, kInvalid, "asset not found", std::move(context));
    default: break;
    }
    std::string message = "refused by the pre-trade check '" + std::string(toString(s.refusal)) + "'";
    if (!s.detail.empty())
        message += ": " + s.detail;
    return error(malformed(s.refusal) ? 422 : 403, malformed(s.refusal) ? kInvalid : kForbidden, std::move(message),
                 std::move(context));
}

BotReply BotSource::answer(StrategyContext &ctx, const SubmitOrder &r)
{
    const int symbol = symbolOf(r.symbol);
    if (symbol < 0)
        return error(422, kInvalid, "asset \"" + r.symbol + "\" not found");
    const auto id = static_cast<SymbolId>(symbol);
    if (!m_trades[id])
        return error(403, kForbidden, "asset \"" + r.symbol + "\" is not one this bot may trade",
                     {{"check", "bot symbols"}});
    if (r.qty <= 0)
        return error(422, kInvalid, "qty must be > 0");
    if (r.type == OrderType::Limit && r.limitPrice.raw() <= 0)
        return error(422, kInvalid, "limit_price must be > 0");
    if (r.clientOrderId.size() > kMaxClientOrderId)
        return error(422, kInvalid, "client_order_id must be no more than 48 characters");
    if (!r.clientOrderId.empty() && m_byClientId.count(r.clientOrderId) > 0)
        return error(422, kInvalid, "client_order_id must be unique");
    const Quote &q = ctx.quote(id);
    const Price price = r.type == OrderType::Limit ? r.limitPrice : (r.side == Side::Buy ? q.ask : q.bid);
    if (std::optional<ApiError> refused = overLimit(ctx, id, r.side, r.qty, price))
        return std::move(*refused);
    const Price limit = r.type == OrderType::Limit ? r.limitPrice : Price{};
    const Submission sent = ctx.submit(id, r.side, r.type, r.qty, limit, r.clientOrderId);
    if (sent.id == 0)
        return refusal(ctx, sent);
    StrategyOrder view;
    view.symbol = id;
    view.side = r.side;
    view.type = r.type;
    view.qty = r.qty;
    view.limitPrice = limit;
    view.reference = r.clientOrderId;
    Entry &entry = track(ctx, sent.id, view);
    entry.order.timeInForce = r.timeInForce;
    return entry.order;
}

BotSource::Entry &BotSource::track(StrategyContext &ctx, OrderId id, StrategyOrder view)
{
    // Its client order id is the engine's (oms/Order.h), made the same way here.
    const std::string engineId = clientOrderId(ctx.session().date.toCompact(), m_config.code, id);
    view.id = id;
    view.clientOrderId = engineId;
    view.createdAt = ctx.now();
    Entry &entry = entryOf(ctx, view, false);
    entry.order.updatedAt = ctx.now();
    return entry;
}

BotReply BotSource::answer(StrategyContext &ctx, const CancelOrder &r)
{
    const auto found = m_byUuid.find(r.uuid);
    if (found == m_byUuid.end())
        return error(404, kNotFound, "order not found");
    Entry &entry = m_orders[found->second];
    if (entry.byOperator)
        return error(403, kForbidden, "the order is the operator's (a flatten): the bot cannot cancel it");
    if (isTerminal(entry.order.status))
        return error(422, kInvalid, "order is not cancelable: it is " + std::string(toString(entry.order.status)));
    if (!ctx.cancel(entry.order.id))
        return error(422, kInvalid, "order is not cancelable now");
    entry.order.status = OrderStatus::CancelPending;
    entry.order.updatedAt = ctx.now();
    tell(entry, TradeEvent::PendingCancel, ctx);
    return NoContent{};
}

BotReply BotSource::answer(StrategyContext &ctx, const CancelAllOrders &)
{
    std::vector<BulkItem> items;
    for (Entry &entry : m_orders) {
        if (entry.byOperator || isTerminal(entry.order.status) || entry.order.status == OrderStatus::CancelPending)
            continue;
        BulkItem item;
        item.key = entry.order.uuid;
        if (ctx.cancel(entry.order.id)) {
            entry.order.status = OrderStatus::CancelPending;
            entry.order.updatedAt = ctx.now();
            tell(entry, TradeEvent::PendingCancel, ctx);
            item.body = entry.order;
        } else {
            item.status = 500;
            item.body = error(500, 50010000, "the order could not be cancelled now");
        }
        items.push_back(std::move(item));
    }
    return items;
}

Quantity BotSource::available(StrategyContext &ctx, SymbolId symbol) const
{
    const Quantity held = ctx.position(symbol);
    const Side closing = held > 0 ? Side::Sell : Side::Buy;
    Quantity free = std::llabs(held);
    for (const std::size_t index : m_open) {
        const BotOrder &o = m_orders[index].order;
        if (o.side == closing && o.symbol == ctx.symbols()[symbol])
            free -= o.qty - o.filledQty;
    }
    return std::max<Quantity>(free, 0);
}

BotReply BotSource::close(StrategyContext &ctx, SymbolId symbol, Quantity qty)
{
    const Quantity held = ctx.position(symbol);
    if (const Quantity free = available(ctx, symbol); qty > free)
        return error(403, kForbidden,
                     "insufficient qty available for order (requested: " + text(qty) + ", available: " + text(free)
                         + ")",
                     {{"available", text(free)},
                      {"existing_qty", text(held)},
                      {"held_for_orders", text(std::llabs(held) - free)},
                      {"symbol", ctx.symbols()[symbol]}});
    const Side side = held > 0 ? Side::Sell : Side::Buy;
    const Submission sent = ctx.submit(symbol, side, OrderType::Market, qty, Price{});
    if (sent.id == 0)
        return refusal(ctx, sent);
    StrategyOrder view;
    view.symbol = symbol;
    view.side = side;
    view.type = OrderType::Market;
    view.qty = qty;
    return track(ctx, sent.id, view).order;
}

BotReply BotSource::answer(StrategyContext &ctx, const ClosePosition &r)
{
    const int symbol = symbolOf(r.symbol);
    const Quantity held = symbol < 0 ? 0 : ctx.position(static_cast<SymbolId>(symbol));
    if (held == 0)
        return error(404, kNotFound, "position does not exist");
    Quantity qty = std::llabs(held);
    if (r.qty) {
        if (*r.qty <= 0)
            return error(422, kInvalid, "qty must be > 0");
        qty = *r.qty; // close() refuses more than is available
    } else if (r.percentagePct) {
        if (*r.percentagePct <= 0 || *r.percentagePct > 100)
            return error(422, kInvalid, "percentage must be between 0 and 100");
        qty = static_cast<Quantity>(static_cast<double>(qty) * *r.percentagePct / 100.0);
        if (qty == 0)
            return error(422, kInvalid, "the percentage leaves no whole share to close");
    }
    return close(ctx, static_cast<SymbolId>(symbol), qty);
}

BotReply BotSource::answer(StrategyContext &ctx, const CloseAllPositions &r)
{
    if (r.cancelOrders)
        answer(ctx, CancelAllOrders{});
    std::vector<BulkItem> items;
    for (std::size_t s = 0; s < ctx.symbols().size(); ++s) {
        const auto symbol = static_cast<SymbolId>(s);
        const Quantity held = ctx.position(symbol);
        if (held == 0)
            continue;
        BulkItem item;
        item.key = ctx.symbols()[s];
        BotReply closing = close(ctx, symbol, std::llabs(held));
        if (auto *order = std::get_if<BotOrder>(&closing)) {
            item.body = std::move(*order);
        } else {
            ApiError &e = std::get<ApiError>(closing);
            item.status = e.httpStatus;
            e.context.emplace_back("symbol", item.key);
            item.body = std::move(e);
        }
        items.push_back(std::move(item));
    }
    return items;
}

BotReply BotSource::answer(StrategyContext &, const GetOrder &r)
{
    const auto found = m_byUuid.find(r.uuid);
    if (found == m_byUuid.end())
        return error(404, kNotFound, "order not found");
    return m_orders[found->second].order;
}

BotReply BotSource::answer(StrategyContext &, const GetOrderByClientId &r)
{
    const auto found = m_byClientId.find(r.clientOrderId);
    if (found == m_byClientId.end())
        return error(404, kNotFound, "order not found");
    return m_orders[found->second].order;
}

BotReply BotSource::answer(StrategyContext &, const ListOrders &r)
{
    std::vector<BotOrder> out;
    const std::size_t limit = static_cast<std::size_t>(std::clamp(r.limit, 1, 500));
    auto wanted = [&r](const BotOrder &o) {
        const bool open = !isTerminal(o.status);
        if ((r.status == ListOrders::Status::Open && !open) || (r.status == ListOrders::Status::Closed && open))
            return false;
        if ((r.after != 0 && o.createdAt <= r.after) || (r.until != 0 && o.createdAt >= r.until))
            return false;
        if (r.side && o.side != *r.side)
            return false;
        return r.symbols.empty() || std::find(r.symbols.begin(), r.symbols.end(), o.symbol) != r.symbols.end();
    };
    // The table is in the order the orders were placed: oldest first.
    for (std::size_t i = 0; i < m_orders.size() && out.size() < limit; ++i) {
        const BotOrder &o = m_orders[r.ascending ? i : m_orders.size() - 1 - i].order;
        if (wanted(o))
            out.push_back(o);
    }
    return out;
}

BotReply BotSource::answer(StrategyContext &, const GetActivities &r)
{
    // The page starts after the page token's execution, in the direction asked.
    const std::size_t n = m_fills.size();
    std::size_t skip = 0;
    if (!r.pageTokenExecution.empty()) {
        for (std::size_t i = 0; i < n; ++i) {
            const BotActivity &a = m_fills[r.ascending ? i : n - 1 - i];
            if (a.executionId == r.pageTokenExecution) {
                skip = i + 1;
                break;
            }
        }
    }
    std::vector<BotActivity> out;
    const auto limit = static_cast<std::size_t>(std::clamp(r.pageSize, 1, 100));
    for (std::size_t i = skip; i < n && out.size() < limit; ++i) {
        const BotActivity &a = m_fills[r.ascending ? i : n - 1 - i];
        if ((r.after != 0 && a.time <= r.after) || (r.until != 0 && a.time >= r.until))
            continue;
        out.push_back(a);
    }
    return out;
}

BotPosition BotSource::position(StrategyContext &ctx, SymbolId symbol) const
{
    BotPosition p;
    p.symbol = ctx.symbols()[symbol];
    p.qty = ctx.position(symbol);
    p.avgEntryPrice = ctx.averageCost(symbol);
    const Quote &q = ctx.quote(symbol);
    p.currentPrice = q.bid.raw() > 0 && q.ask.raw() > 0 ? midPrice(q.bid, q.ask) : p.avgEntryPrice;
    const Price first = m_hub->market(symbol).firstMid;
    p.lastdayPrice = first.raw() > 0 ? first : p.currentPrice;
    p.costBasis = ctx.costBasis(symbol); // exact: the average price times the quantity is rounded
    p.marketValue = notional(p.currentPrice, p.qty);
    p.unrealizedPl = p.marketValue - p.costBasis;
    p.unrealizedIntradayPl = notional(p.currentPrice, p.qty) - notional(p.lastdayPrice, p.qty);
    return p;
}

BotReply BotSource::answer(StrategyContext &ctx, const GetPositions &)
{
    std::vector<BotPosition> out;
    for (std::size_t s = 0; s < ctx.symbols().size(); ++s)
        if (ctx.position(static_cast<SymbolId>(s)) != 0)
            out.push_back(position(ctx, static_cast<SymbolId>(s)));
    return out;
}

BotReply BotSource::answer(StrategyContext &ctx, const GetPosition &r)
{
    const int symbol = symbolOf(r.symbol);
    if (symbol < 0 || ctx.position(static_cast<SymbolId>(symbol)) == 0)
        return error(404, kNotFound, "position does not exist");
    return position(ctx, static_cast<SymbolId>(symbol));
}

BotReply BotSource::answer(StrategyContext &ctx, const GetAccount &)
{
    BotAccount a;
    a.botName = m_config.name;
    Money cost;
    for (std::size_t s = 0; s < ctx.symbols().size(); ++s) {
        const auto symbol = static_cast<SymbolId>(s);
        if (ctx.position(symbol) == 0)
            continue;
        const BotPosition p = position(ctx, symbol);
        cost += p.costBasis;
        (p.qty > 0 ? a.longMarketValue : a.shortMarketValue) += p.marketValue;
    }
    // The day starts from its configured buying power in cash; what its closed trades made
    // or lost (net of fees) is cash too.
    a.cash = m_config.buyingPower - cost + ctx.realizedPnl();
    a.buyingPower = std::max(Money{}, m_config.buyingPower - committed(ctx));
    a.equity = a.cash + a.longMarketValue + a.shortMarketValue;
    a.lastEquity = m_config.buyingPower;
    const TradingState state = ctx.tradingState();
    a.tradingBlocked = state == TradingState::Halted || state == TradingState::Killed
                       || state == TradingState::Maintenance || ctx.stopped();
    a.createdAt = ctx.session().open;
    return a;
}

BotReply BotSource::answer(StrategyContext &ctx, const GetClock &)
{
    const SessionWindow &today = ctx.session();
    ClockView c;
    c.now = ctx.now() != 0 ? ctx.now() : today.open;
    c.isOpen = c.now >= today.open && c.now < today.close;
    const SessionWindow next = sessionFor(nextTradingDay(today.date));
    c.nextOpen = c.now < today.open ? today.open : next.open;
    c.nextClose = c.now < today.close ? today.close : next.close;
    c.utcOffsetMinutes = today.utcOffsetMinutes;
    return c;
}

BotReply BotSource::answer(StrategyContext &ctx, const GetCalendar &r)
{
    const Date start = r.start.value_or(ctx.session().date);
    const Date end = r.end.value_or(start);
    std::vector<CalendarDay> days;
    QDate d = toQDate(start);
    const QDate last = toQDate(end);
    for (int n = 0; d.isValid() && d <= last && n < 1000; d = d.addDays(1), ++n) {
        if (d.dayOfWeek() > 5)
            continue;
        const SessionWindow w = sessionFor(toDate(d));
        days.push_back({w.date, w.open, w.close, w.utcOffsetMinutes});
    }
    return days;
}

namespace {
AssetView assetOf(const std::string &symbol)
{
    AssetView a;
    a.symbol = symbol;
    a.uuid = BotSource::orderUuid("asset:" + symbol);
    a.exchange = "NASDAQ";
    return a;
}
}

BotReply BotSource::answer(StrategyContext &, const GetAssets &)
{
    std::vector<AssetView> out;
    for (const std::string &symbol : m_hub->universe)
        out.push_back(assetOf(symbol));
    return out;
}

BotReply BotSource::answer(StrategyContext &, const GetAsset &r)
{
    if (symbolOf(r.symbol) < 0)
        return error(404, kNotFound, "asset not found");
    return assetOf(r.symbol);
}

namespace {
bool seen(const LatestQuote &q) { return q.time != 0; }
bool seen(const LatestTrade &t) { return t.time != 0; }
bool seen(const LatestBar &b) { return b.start != 0; }
}

template<typename T>
std::vector<T> BotSource::latest(const std::vector<std::string> &names, T SymbolMarket::*part) const
{
    std::vector<T> out;
    for (const std::string &name : names)
        if (const int s = symbolOf(name); s >= 0 && seen(m_hub->market(static_cast<SymbolId>(s)).*part))
            out.push_back(m_hub->market(static_cast<SymbolId>(s)).*part);
    return out;
}

BotReply BotSource::answer(StrategyContext &, const GetLatestQuotes &r)
{
    return latest(r.symbols, &SymbolMarket::quote);
}

BotReply BotSource::answer(StrategyContext &, const GetLatestTrades &r)
{
    return latest(r.symbols, &SymbolMarket::trade);
}

BotReply BotSource::answer(StrategyContext &, const GetLatestBars &r) { return latest(r.symbols, &SymbolMarket::bar); }

} // namespace vigil::gateway
