#include "gateway/GatewayHub.h"

#include "gateway/BotSource.h"
#include "gateway/HubShared.h"

#include <stdexcept>

namespace vigil::gateway {

namespace {
ApiError notRunning() { return {503, 50300000, "the trading engine is not running; try again when it is", {}}; }
}

HubShared::HubShared(std::vector<BotConfig> botList, std::vector<std::string> symbols)
    : bots(std::move(botList))
    , universe(std::move(symbols))
    , m_market(universe.size())
{
    for (std::size_t i = 0; i < bots.size(); ++i)
        channels.push_back(std::make_unique<BotChannel>());
    for (std::size_t s = 0; s < universe.size(); ++s) {
        m_market[s].quote.symbol = universe[s];
        m_market[s].trade.symbol = universe[s];
        m_market[s].bar.symbol = universe[s];
    }
}

void HubShared::post(std::function<void(HubShared &)> work)
{
    if (!poster)
        return;
    poster([self = shared_from_this(), work = std::move(work)] { work(*self); });
}

void HubShared::publish(const MarketTick &tick)
{
    if (!poster)
        return;
    if (!m_ticks.tryPush(tick))
        m_dropped.fetch_add(1, std::memory_order_relaxed);
    // One poke a batch: the drain clears the flag before it takes the ring, so a tick pushed
    // after its last pop finds the flag clear and pokes again.
    if (!m_drainScheduled.exchange(true, std::memory_order_seq_cst))
        poster([self = shared_from_this()] {
            if (self->ticksWaiting)
                self->ticksWaiting();
            else
                self->drainTicks(self->m_discard); // no stream listens: the ring must not fill
            self->m_discard.clear();
        });
}

void HubShared::drainTicks(std::vector<MarketTick> &out)
{
    m_drainScheduled.store(false, std::memory_order_seq_cst);
    MarketTick batch[256];
    for (std::size_t n; (n = m_ticks.popBatch(batch, std::size(batch))) > 0;)
        out.insert(out.end(), batch, batch + n);
}

void HubShared::onQuote(SimTime exchangeTime, const Quote &quote)
{
    if (quote.symbol >= m_market.size())
        return;
    SymbolMarket &m = m_market[quote.symbol];
    m.quote.time = exchangeTime;
    m.quote.bid = quote.bid;
    m.quote.ask = quote.ask;
    m.quote.bidSize = quote.bidSize;
    m.quote.askSize = quote.askSize;
    if (m.firstMid.raw() == 0 && quote.bid.raw() > 0 && quote.ask.raw() > 0)
        m.firstMid = midPrice(quote.bid, quote.ask);
    MarketTick tick;
    tick.kind = MarketTick::Kind::Quote;
    tick.time = exchangeTime;
    tick.symbol = quote.symbol;
    tick.bid = quote.bid;
    tick.ask = quote.ask;
    tick.bidSize = quote.bidSize;
    tick.askSize = quote.askSize;
    publish(tick);
}

void HubShared::onTrade(SimTime exchangeTime, const TradePrint &trade)
{
    if (trade.symbol >= m_market.size())
        return;
    SymbolMarket &m = m_market[trade.symbol];
    const std::uint64_t id = ++m_tradeIds;
    m.trade.time = exchangeTime;
    m.trade.price = trade.price;
    m.trade.size = trade.size;
    m.trade.tradeId = id;
    // The minute bar the print falls in: a new minute starts a new bar.
    LatestBar &bar = m.bar;
    const SimTime minute = exchangeTime - exchangeTime % kNsPerMinute;
    if (bar.start != minute) {
        bar.start = minute;
        bar.open = bar.high = bar.low = trade.price;
        bar.volume = 0;
        bar.tradeCount = 0;
        m.barNotional = Money{};
    }
    if (trade.price > bar.high)
        bar.high = trade.price;
    if (trade.price < bar.low)
        bar.low = trade.price;
    bar.close = trade.price;
    bar.volume += trade.size;
    ++bar.tradeCount;
    m.barNotional += notional(trade.price, trade.size);
    bar.vwap = bar.volume > 0 ? Price::fromRaw(m.barNotional.raw() / bar.volume) : trade.price;
    MarketTick tick;
    tick.kind = MarketTick::Kind::Trade;
    tick.time = exchangeTime;
    tick.symbol = trade.symbol;
    tick.bid = trade.price;
    tick.bidSize = trade.size;
    tick.tradeId = id;
    publish(tick);
}

struct GatewayHub::State {
    std::shared_ptr<HubShared> shared;
    bool sourcesTaken = false;
};

GatewayHub::GatewayHub(std::vector<BotConfig> bots, std::vector<std::string> universe)
    : m_state(std::make_unique<State>())
{
    m_state->shared = std::make_shared<HubShared>(std::move(bots), std::move(universe));
}

GatewayHub::~GatewayHub() = default;

std::vector<std::unique_ptr<StrategySource>> GatewayHub::takeSources()
{
    if (m_state->sourcesTaken)
        throw std::logic_error("the gateway's bot sources were taken already");
    m_state->sourcesTaken = true;
    std::vector<std::unique_ptr<StrategySource>> sources;
    for (std::size_t i = 0; i < m_state->shared->bots.size(); ++i)
        sources.push_back(std::make_unique<BotSource>(m_state->shared, static_cast<int>(i)));
    return sources;
}

void GatewayHub::setPoster(Poster poster) { m_state->shared->poster = std::move(poster); }

MarketTap &GatewayHub::marketTap() { return *m_state->shared; }

void GatewayHub::engineStopped()
{
    HubShared &shared = *m_state->shared;
    for (const std::unique_ptr<BotChannel> &channel : shared.channels) {
        std::vector<BotChannel::Pending> left;
        {
            std::lock_guard lock(channel->mutex);
            channel->doorbell = nullptr;
            left.swap(channel->queue);
        }
        if (!left.empty())
            shared.post([left = std::move(left)](HubShared &) {
                for (const BotChannel::Pending &p : left)
                    p.reply(notRunning());
            });
    }
}

const std::vector<BotConfig> &GatewayHub::bots() const { return m_state->shared->bots; }

const std::vector<std::string> &GatewayHub::universe() const { return m_state->shared->universe; }

int GatewayHub::botIndex(std::string_view name) const
{
    const std::vector<BotConfig> &bots = m_state->shared->bots;
    for (std::size_t i = 0; i < bots.size(); ++i)
        if (bots[i].name == name)
            return static_cast<int>(i);
    return -1;
}

void GatewayHub::request(int bot, BotRequest request, ReplyFn reply)
{
    HubShared &shared = *m_state->shared;
    if (bot < 0 || static_cast<std::size_t>(bot) >= shared.channels.size()) {
        reply(ApiError{404, 40410000, "no such bot", {}});
        return;
    }
    BotChannel &channel = *shared.channels[static_cast<std::size_t>(bot)];
    {
        std::lock_guard lock(channel.mutex);
        if (channel.doorbell && shared.poster) {
            channel.queue.push_back({std::move(request), std::move(reply)});
            channel.doorbell->ring(); // never blocks; valid while the source is there
            return;
        }
    }
    reply(notRunning());
}

void GatewayHub::setTradeUpdateSink(std::function<void(int bot, const TradeUpdate &)> sink)
{
    m_state->shared->tradeSink = std::move(sink);
}

void GatewayHub::setTickSink(std::function<void()> ticksWaiting)
{
    m_state->shared->ticksWaiting = std::move(ticksWaiting);
}

void GatewayHub::drainTicks(std::vector<MarketTick> &out) { m_state->shared->drainTicks(out); }

void GatewayHub::noteStream(int bot, int delta)
{
    if (bot >= 0 && static_cast<std::size_t>(bot) < m_state->shared->channels.size())
        m_state->shared->channels[static_cast<std::size_t>(bot)]->streams.fetch_add(delta);
}

void GatewayHub::noteSeen(int bot)
{
    if (bot >= 0 && static_cast<std::size_t>(bot) < m_state->shared->channels.size())
        m_state->shared->channels[static_cast<std::size_t>(bot)]->lastSeenWall.store(utcNowNs());
}

BotLink GatewayHub::link(int bot) const
{
    if (bot < 0 || static_cast<std::size_t>(bot) >= m_state->shared->channels.size())
        return {};
    const BotChannel &channel = *m_state->shared->channels[static_cast<std::size_t>(bot)];
    return {channel.streams.load(), channel.lastSeenWall.load()};
}

std::uint64_t GatewayHub::droppedTicks() const { return m_state->shared->droppedTicks(); }

} // namespace vigil::gateway
