#include "sim/SimVenue.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace vigil {

namespace {
// Among events at the same instant: the open first, then orders (in id order), market
// changes, deliveries, faults, the clock, and the close last.
std::uint8_t priorityOf(int kind) { return static_cast<std::uint8_t>(kind); }
constexpr SimTime kSessionEndGrace = 5 * kNsPerSecond;
constexpr SimTime kBrokerKeepAlive = 5 * kNsPerSecond;
}

SimVenue::SimVenue(const Config &config, const SessionWindow &session, std::uint64_t seed, double speed,
                   VenueLink &link)
    : m_config(config)
    , m_session(session)
    , m_seed(seed)
    , m_speed(speed)
    , m_link(link)
    , m_market(config.simulator.symbols, session, seed)
    , m_broker(config.broker.paper, config.simulator.symbols.size())
    , m_rng(hashMix(seed, 0xfeed))
    , m_lookahead(static_cast<SimTime>(config.broker.paper.orderLatencyMinUs) * kNsPerUs)
{
    schedule(session.open, EventKind::SessionOpen);
    schedule(session.open, EventKind::ClockTick);
    for (std::size_t s = 0; s < m_market.symbolCount(); ++s) {
        const auto symbol = static_cast<SymbolId>(s);
        schedule(session.open + m_market.nextInterval(symbol), EventKind::QuoteChange, symbol);
    }
    for (std::size_t f = 0; f < config.simulator.faults.size(); ++f) {
        const FaultSpec &fault = config.simulator.faults[f];
        const SimTime start = session.at(0, 0) + fault.startSecondOfDay * kNsPerSecond;
        schedule(start, EventKind::FaultStart, static_cast<std::uint16_t>(f));
        if (fault.kind != FaultKind::ErrorBurst)
            schedule(start + fault.durationSeconds * kNsPerSecond, EventKind::FaultEnd, static_cast<std::uint16_t>(f));
    }
    schedule(session.close, EventKind::MarketClose);
    schedule(session.close + kSessionEndGrace, EventKind::SessionEnd);
}

void SimVenue::schedule(SimTime time, EventKind kind, std::uint16_t index)
{
    Event e{};
    e.time = time;
    e.priority = priorityOf(static_cast<int>(kind));
    e.order = ++m_scheduled;
    e.kind = kind;
    e.index = index;
    m_queue.push(e);
}

void SimVenue::scheduleDelivery(const VenueMessage &message, SimTime at)
{
    Event e{};
    e.time = at;
    e.priority = priorityOf(static_cast<int>(EventKind::Deliver));
    e.order = ++m_scheduled;
    e.kind = EventKind::Deliver;
    e.message = message;
    m_queue.push(e);
    ++m_pendingDeliveries;
}

void SimVenue::run(const std::atomic<bool> &stop)
{
    m_wallStart = wallNowNs();
    while (!stop.load(std::memory_order_relaxed) && !m_finished) {
        drainEngine();
        if (m_queue.empty())
            break;
        const SimTime next = m_queue.top().time;
        if (!mayProcess(next)) {
            waitForEngine(stop);
            continue;
        }
        if (m_speed > 0)
            pace(next, stop);
        Event event = m_queue.top();
        m_queue.pop();
        m_now = event.time;
        handle(event);
    }
    // Let the engine finish the session: wait until it has handled the last message.
    while (m_finished && !stop.load(std::memory_order_relaxed) && m_processedSeq < m_lastSent) {
        drainEngine();
        if (m_processedSeq < m_lastSent)
            waitForEngine(stop);
    }
}

void SimVenue::waitForEngine(const std::atomic<bool> &stop)
{
    for (int spin = 0; spin < VenueLink::kSpinsBeforeSleep; ++spin) {
        if (!m_link.toVenue.empty() || stop.load(std::memory_order_relaxed))
            return;
#if defined(__x86_64__) || defined(__i386__)
        _mm_pause();
#endif
    }
    m_link.venueBell.sleepUntil([&] { return !m_link.toVenue.empty() || stop.load(std::memory_order_relaxed); },
                                std::chrono::milliseconds(20));
}

bool SimVenue::mayProcess(SimTime eventTime)
{
    if (m_processedSeq >= m_lastSent)
        return true; // the engine is idle: nothing it does can come before its next message
    while (m_sendMarks.size() > 1 && m_sendMarks[1].firstSeq <= m_processedSeq + 1)
        m_sendMarks.pop_front();
    return eventTime < m_sendMarks.front().time + m_lookahead;
}

void SimVenue::pace(SimTime eventTime, const std::atomic<bool> &stop)
{
    const auto target = m_wallStart + static_cast<std::int64_t>(static_cast<double>(eventTime - m_session.open) / m_speed);
    while (!stop.load(std::memory_order_relaxed)) {
        const std::int64_t wait = target - wallNowNs();
        if (wait <= 0)
            return;
        std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<std::int64_t>(wait, 5 * kNsPerMs)));
        drainEngine();
    }
}

void SimVenue::drainEngine()
{
    EngineMessage batch[256];
    std::size_t n;
    while ((n = m_link.toVenue.popBatch(batch, 256)) > 0) {
        for (std::size_t i = 0; i < n; ++i) {
            const EngineMessage &m = batch[i];
            if (m.kind == EngineMessage::Kind::Processed) {
                m_processedSeq = std::max(m_processedSeq, m.processedSeq);
                continue;
            }
            // Latency is a function of the seed and the order id alone, so it does not
            // depend on when this thread happened to read the order.
            Random draw(hashMix(m_seed, m.orderId * 2 + (m.kind == EngineMessage::Kind::Cancel ? 1 : 0)));
            const auto &paper = m_config.broker.paper;
            const SimTime latency = static_cast<SimTime>(paper.orderLatencyMinUs) * kNsPerUs
                + static_cast<SimTime>(draw.exponential(static_cast<double>(paper.orderLatencyMeanUs - paper.orderLatencyMinUs)))
                    * kNsPerUs
                + extraLatency(m.decisionTime);
            Event e{};
            // Operator commands decided between messages may be stamped before what the
            // venue already did; they arrive now, never in the past.
            e.time = std::max(m.decisionTime + latency, m_now);
            e.priority = priorityOf(static_cast<int>(EventKind::OrderArrival));
            e.order = m.orderId * 2 + (m.kind == EngineMessage::Kind::Cancel ? 1 : 0);
            e.kind = EventKind::OrderArrival;
            e.request = m;
            m_queue.push(e);
        }
    }
}

SimTime SimVenue::extraLatency(SimTime at) const
{
    SimTime extra = 0;
    const SimTime midnight = m_session.at(0, 0);
    for (const FaultSpec &f : m_config.simulator.faults) {
        if (f.kind != FaultKind::LatencySpike)
            continue;
        const SimTime start = midnight + f.startSecondOfDay * kNsPerSecond;
        if (at >= start && at < start + f.durationSeconds * kNsPerSecond)
            extra += f.extraLatencyMs * kNsPerMs;
    }
    return extra;
}

SimTime SimVenue::feedDelay()
{
    const auto &sim = m_config.simulator;
    return (sim.feedLatencyMinUs + static_cast<SimTime>(m_rng.exponential(sim.feedLatencyMeanUs - sim.feedLatencyMinUs)))
        * kNsPerUs;
}

SimTime SimVenue::reportDelay(SimTime now)
{
    const auto &paper = m_config.broker.paper;
    // The way back is about half the round trip.
    const double meanUs = (paper.orderLatencyMeanUs - paper.orderLatencyMinUs) / 2.0;
    return (paper.orderLatencyMinUs / 2 + static_cast<SimTime>(m_rng.exponential(meanUs))) * kNsPerUs
        + extraLatency(now);
}

void SimVenue::send(VenueMessage message, SimTime now)
{
    message.seq = ++m_lastSent;
    message.time = now;
    if (m_sendMarks.empty() || m_sendMarks.back().time != now)
        m_sendMarks.push_back({message.seq, now});
    Backoff backoff;
    while (!m_link.toEngine.tryPush(message)) {
        drainEngine(); // keep reading orders so the engine is never stuck on a full queue
        backoff.pause();
    }
    m_link.engineBell.ring();
}

void SimVenue::handle(Event &event)
{
    const SimTime now = event.time;
    switch (event.kind) {
    case EventKind::SessionOpen: {
        m_marketOpen = true;
        VenueMessage m;
        m.kind = VenueMessage::Kind::SessionOpen;
        m.exchangeTime = now;
        send(m, now);
        // Opening quotes for every symbol, so the engine starts with a full book.
        for (std::size_t s = 0; s < m_market.symbolCount(); ++s)
            onQuoteChange(static_cast<SymbolId>(s), now);
        break;
    }
    case EventKind::QuoteChange:
        if (!m_marketOpen)
            break;
        onQuoteChange(event.index, now);
        schedule(now + m_market.nextInterval(event.index), EventKind::QuoteChange, event.index);
        break;
    case EventKind::OrderArrival:
        onOrderArrival(event.request, now);
        break;
    case EventKind::Deliver:
        --m_pendingDeliveries;
        send(event.message, now);
        break;
    case EventKind::FaultStart:
    case EventKind::FaultEnd:
        onFault(event.index, event.kind == EventKind::FaultStart, now);
        break;
    case EventKind::ClockTick: {
        VenueMessage m;
        m.kind = VenueMessage::Kind::Clock;
        m.exchangeTime = now;
        send(m, now);
        // The broker link's keep-alive, as a real adapter's periodic account poll would be.
        if (m_broker.connected() && (now - m_session.open) % kBrokerKeepAlive == 0) {
            VenueMessage alive;
            alive.kind = VenueMessage::Kind::BrokerStatus;
            alive.exchangeTime = now;
            alive.status = ComponentStatus::Up;
            send(alive, now);
        }
        schedule(now + kNsPerSecond, EventKind::ClockTick);
        break;
    }
    case EventKind::MarketClose:
        m_marketOpen = false;
        m_broker.expireAll(m_reports);
        deliverReports(now);
        break;
    case EventKind::SessionEnd:
        if (m_pendingDeliveries > 0) { // reports still on their way (a latency spike)
            schedule(now + kNsPerSecond, EventKind::SessionEnd);
            break;
        }
        VenueMessage m;
        m.kind = VenueMessage::Kind::SessionClose;
        m.exchangeTime = now;
        send(m, now);
        m_finished = true;
        break;
    }
}

void SimVenue::onQuoteChange(SymbolId symbol, SimTime now)
{
    const Quote &quote = m_market.advance(symbol, now);
    m_broker.onQuote(quote, m_reports);
    deliverReports(now);
    if (m_feedSilent)
        return;
    VenueMessage m;
    m.kind = VenueMessage::Kind::Quote;
    m.exchangeTime = now;
    m.quote = quote;
    // A print travels with the quote change that came with it (one packet on the feed).
    const SimTime arrival = now + feedDelay();
    scheduleDelivery(m, arrival);
    TradePrint print{};
    if (m_market.tradeAfterQuote(symbol, print)) {
        VenueMessage t;
        t.kind = VenueMessage::Kind::Trade;
        t.exchangeTime = now;
        t.trade = print;
        scheduleDelivery(t, arrival);
    }
}

void SimVenue::onOrderArrival(const EngineMessage &request, SimTime now)
{
    if (!m_marketOpen && request.kind == EngineMessage::Kind::NewOrder) {
        ExecReport r{};
        r.orderId = request.orderId;
        r.type = ExecType::Rejected;
        r.reason = RejectReason::MarketClosed;
        m_reports.push_back(r);
    } else {
        m_broker.onOrder(request, m_reports);
    }
    deliverReports(now);
}

void SimVenue::deliverReports(SimTime now)
{
    if (m_reports.empty())
        return;
    // Reports travel on one stream, as a broker's order updates do: never overtaking each
    // other, so an acknowledgement always arrives before the fills that follow it.
    const SimTime at = std::max(now + reportDelay(now), m_lastReportDelivery);
    m_lastReportDelivery = at;
    for (const ExecReport &r : m_reports) {
        VenueMessage m;
        m.kind = VenueMessage::Kind::Exec;
        m.exchangeTime = now;
        m.exec = r;
        scheduleDelivery(m, at);
    }
    m_reports.clear();
}

void SimVenue::onFault(std::uint16_t index, bool starting, SimTime now)
{
    const FaultSpec &fault = m_config.simulator.faults[index];
    spdlog::warn("simulator fault {} {} at {}", static_cast<int>(fault.kind), starting ? "starts" : "ends",
                 m_session.clockText(now));
    switch (fault.kind) {
    case FaultKind::Disconnect: {
        m_broker.setConnected(!starting);
        VenueMessage m;
        m.kind = VenueMessage::Kind::BrokerStatus;
        m.exchangeTime = now;
        m.status = starting ? ComponentStatus::Down : ComponentStatus::Up;
        send(m, now);
        break;
    }
    case FaultKind::ErrorBurst:
        m_broker.addErrorBurst(fault.count);
        break;
    case FaultKind::LatencySpike:
        break; // applied through extraLatency()
    case FaultKind::SilentFeed:
        m_feedSilent = starting;
        break;
    }
}

} // namespace vigil
