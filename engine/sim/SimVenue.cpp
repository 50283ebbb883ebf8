#include "sim/SimVenue.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace vigil {

namespace {
constexpr SimTime kSessionEndGrace = 5 * kNsPerSecond;
constexpr SimTime kBrokerKeepAlive = 5 * kNsPerSecond;
constexpr std::size_t kMarketRoomNeeded = 64;  ///< free slots the feed wants before an event
constexpr std::size_t kHistoryLimit = 1 << 16; ///< quote changes the feed may run ahead of the broker

VenueMessage marketMessage(VenueMessage::Kind kind, SimTime at)
{
    VenueMessage m;
    m.kind = kind;
    m.exchangeTime = at;
    return m;
}

VenueMessage brokerStatus(bool up, SimTime at)
{
    VenueMessage m = marketMessage(VenueMessage::Kind::BrokerStatus, at);
    m.status = up ? ComponentStatus::Up : ComponentStatus::Down;
    return m;
}

const char *faultName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Disconnect: return "broker disconnect";
    case FaultKind::ErrorBurst: return "broker error burst";
    case FaultKind::LatencySpike: return "latency spike";
    case FaultKind::SilentFeed: return "silent feed";
    }
    return "fault";
}
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
    , m_feedRandom(hashMix(seed, 0xfeed))
    , m_orderLatencyMin(static_cast<SimTime>(config.broker.paper.orderLatencyMinUs) * kNsPerUs)
    , m_reportDelayMin(static_cast<SimTime>(config.broker.paper.orderLatencyMinUs / 2) * kNsPerUs)
{
    scheduleMarket(session.open, MarketEventKind::SessionOpen);
    scheduleMarket(session.open, MarketEventKind::ClockTick);
    for (std::size_t s = 0; s < m_market.symbolCount(); ++s) {
        const auto symbol = static_cast<SymbolId>(s);
        scheduleMarket(session.open + m_market.nextInterval(symbol), MarketEventKind::QuoteChange, symbol);
    }
    const SimTime midnight = session.at(0, 0);
    for (std::size_t f = 0; f < config.simulator.faults.size(); ++f) {
        const FaultSpec &fault = config.simulator.faults[f];
        const SimTime start = midnight + fault.startSecondOfDay * kNsPerSecond;
        const SimTime end = start + fault.durationSeconds * kNsPerSecond;
        const auto index = static_cast<std::uint16_t>(f);
        switch (fault.kind) {
        case FaultKind::SilentFeed:
            scheduleMarket(start, MarketEventKind::FaultStart, index);
            scheduleMarket(end, MarketEventKind::FaultEnd, index);
            break;
        case FaultKind::Disconnect: // the broker refuses; the feed carries the link status
            scheduleMarket(start, MarketEventKind::FaultStart, index);
            scheduleMarket(end, MarketEventKind::FaultEnd, index);
            m_changes.push_back({start, static_cast<int>(f), true});
            m_changes.push_back({end, static_cast<int>(f), false});
            break;
        case FaultKind::ErrorBurst: m_changes.push_back({start, static_cast<int>(f), true}); break;
        case FaultKind::LatencySpike: break; // applied through extraLatency()
        }
    }
    m_changes.push_back({session.close, -1, true});
    std::stable_sort(m_changes.begin(), m_changes.end(),
                     [](const BrokerChange &a, const BrokerChange &b) { return a.time < b.time; });
    scheduleMarket(session.close + kSessionEndGrace, MarketEventKind::SessionEnd);
}

std::string SimVenue::attachBroker(PaperBrokerStore *store, const std::string &sessionDate)
{
    std::vector<std::string> names;
    for (const SymbolSpec &s : m_config.simulator.symbols)
        names.push_back(s.symbol);
    return m_broker.attach(store, std::move(names), sessionDate);
}

// ---- the feed ----------------------------------------------------------------------

void SimVenue::scheduleMarket(SimTime time, MarketEventKind kind, std::uint16_t index)
{
    MarketEvent e{};
    e.time = time;
    e.order = ++m_marketScheduled;
    e.kind = kind;
    e.index = index;
    m_marketQueue.push(e);
}

void SimVenue::scheduleDelivery(const VenueMessage &message, SimTime at)
{
    MarketEvent e{};
    e.time = at;
    e.order = ++m_marketScheduled;
    e.kind = MarketEventKind::Deliver;
    e.message = message;
    m_marketQueue.push(e);
}

SimTime SimVenue::marketTime() const
{
    return m_marketFinished || m_marketQueue.empty() ? kNever : m_marketQueue.top().time;
}

std::int64_t SimVenue::wallTarget(SimTime t) const
{
    return m_wallStart + static_cast<std::int64_t>(static_cast<double>(t - m_session.open) / m_speed);
}

bool SimVenue::stepMarket()
{
    if (m_marketFinished || m_marketQueue.empty())
        return false;
    if (m_link.market.writeAvailable() < kMarketRoomNeeded || m_history.size() >= kHistoryLimit)
        return false; // the engine (or the broker) is behind: let it catch up
    const MarketEvent &next = m_marketQueue.top();
    if (m_speed > 0 && wallNowNs() < wallTarget(next.time))
        return false;
    const MarketEvent event = next;
    m_marketQueue.pop();
    handleMarket(event);
    return true;
}

void SimVenue::publish(VenueMessage message, SimTime now)
{
    message.seq = ++m_marketSent;
    message.time = now;
    m_link.market.tryPush(message); // room was checked before the event ran
}

SimTime SimVenue::feedDelay()
{
    const auto &sim = m_config.simulator;
    return (sim.feedLatencyMinUs
            + static_cast<SimTime>(m_feedRandom.exponential(sim.feedLatencyMeanUs - sim.feedLatencyMinUs)))
           * kNsPerUs;
}

void SimVenue::handleMarket(const MarketEvent &event)
{
    const SimTime now = event.time;
    switch (event.kind) {
    case MarketEventKind::SessionOpen: {
        publish(marketMessage(VenueMessage::Kind::SessionOpen, now), now);
        for (std::size_t s = 0; s < m_market.symbolCount(); ++s) // a full book at the open
            onQuoteChange(static_cast<SymbolId>(s), now);
        break;
    }
    case MarketEventKind::QuoteChange:
        if (now >= m_session.close)
            break; // the market is closed: no more quotes
        onQuoteChange(event.index, now);
        scheduleMarket(now + m_market.nextInterval(event.index), MarketEventKind::QuoteChange, event.index);
        break;
    case MarketEventKind::Deliver: publish(event.message, now); break;
    case MarketEventKind::FaultStart:
    case MarketEventKind::FaultEnd: {
        const bool starting = event.kind == MarketEventKind::FaultStart;
        const FaultSpec &fault = m_config.simulator.faults[event.index];
        spdlog::warn("simulator: {} {} at {}", faultName(fault.kind), starting ? "starts" : "ends",
                     m_session.clockText(now));
        if (fault.kind == FaultKind::SilentFeed) {
            m_feedSilent = starting;
        } else if (fault.kind == FaultKind::Disconnect) {
            m_brokerLinkUp = !starting;
            publish(brokerStatus(m_brokerLinkUp, now), now);
        }
        break;
    }
    case MarketEventKind::ClockTick: {
        publish(marketMessage(VenueMessage::Kind::Clock, now), now);
        // The broker link's keep-alive, as a real adapter's periodic account poll would be.
        if (m_brokerLinkUp && (now - m_session.open) % kBrokerKeepAlive == 0)
            publish(brokerStatus(true, now), now);
        scheduleMarket(now + kNsPerSecond, MarketEventKind::ClockTick);
        break;
    }
    case MarketEventKind::SessionEnd:
        publish(marketMessage(VenueMessage::Kind::SessionClose, now), now);
        m_marketFinished = true;
        break;
    }
    m_link.engineBell.ring();
}

void SimVenue::onQuoteChange(SymbolId symbol, SimTime now)
{
    const Quote &quote = m_market.advance(symbol, now);
    m_history.push_back({now, quote});
    if (m_feedSilent)
        return;
    // A print travels with the quote change that came with it (one packet on the feed).
    const SimTime arrival = now + feedDelay();
    VenueMessage m = marketMessage(VenueMessage::Kind::Quote, now);
    m.quote = quote;
    scheduleDelivery(m, arrival);
    TradePrint print{};
    if (m_market.tradeAfterQuote(symbol, print)) {
        VenueMessage t = marketMessage(VenueMessage::Kind::Trade, now);
        t.trade = print;
        scheduleDelivery(t, arrival);
    }
}

// ---- the broker --------------------------------------------------------------------

void SimVenue::drainRequests()
{
    EngineMessage m;
    while (m_link.requests.tryPop(m)) {
        // Latency is a function of the seed and the request alone, so it does not depend on
        // when this thread happened to read it; and of what survives a restart (the order's
        // number, the kind of request, the instant it was decided), not of the request's
        // sequence number, which a restarted process counts from 1 again.
        Random draw(hashMix(hashMix(m_seed ^ 0x1a7e, static_cast<std::uint64_t>(m.decisionTime)),
                            m.orderId * 8 + static_cast<std::uint64_t>(m.kind)));
        const auto &paper = m_config.broker.paper;
        const SimTime latency = m_orderLatencyMin
                                + static_cast<SimTime>(draw.exponential(
                                      static_cast<double>(paper.orderLatencyMeanUs - paper.orderLatencyMinUs)))
                                      * kNsPerUs
                                + extraLatency(m.decisionTime);
        m_arrivals.push({m.decisionTime + latency, m});
        m_requestsSeen = m.requestSeq;
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

SimTime SimVenue::reportDelay(SimTime now, const ExecReport &first)
{
    const auto &paper = m_config.broker.paper;
    // The way back is about half the round trip. Drawn from the event and its first report
    // (no two of the broker's events share both), not from a stream: a resumed broker
    // starts with none of the earlier draws, and its reports must leave when they would have.
    Random draw(hashMix(hashMix(m_seed ^ 0xb40c, static_cast<std::uint64_t>(now)),
                        hashMix(first.orderId * 8 + static_cast<std::uint64_t>(first.type), first.executionId)));
    const double meanUs = (paper.orderLatencyMeanUs - paper.orderLatencyMinUs) / 2.0;
    return m_reportDelayMin + static_cast<SimTime>(draw.exponential(meanUs)) * kNsPerUs + extraLatency(now);
}

bool SimVenue::stepBroker()
{
    if (m_brokerFailed) {
        // Nothing trades here any more: the quotes it would have traded on are let go, or
        // the feed would wait for it (kHistoryLimit).
        m_historyBase += m_history.size();
        m_history.clear();
        return false;
    }
    // No order can arrive before this, and the market is complete up to its own time.
    const SimTime promised = m_link.engineTime.load(std::memory_order_acquire);
    const SimTime bound =
        std::min(promised > kNever - m_orderLatencyMin ? kNever : promised + m_orderLatencyMin, marketTime());
    bool progress = false;
    while (!m_brokerFailed) {
        // Among events at the same instant: scheduled changes, then arrivals, then quotes.
        const SimTime change = m_nextChange < m_changes.size() ? m_changes[m_nextChange].time : kNever;
        const SimTime arrival = m_arrivals.empty() ? kNever : m_arrivals.top().time;
        const SimTime quote = m_history.empty() ? kNever : m_history.front().time;
        const SimTime next = std::min({change, arrival, quote});
        if (next == kNever || next >= bound)
            break;
        progress = true;
        m_broker.setClock(next);
        const bool before = next < m_resumeAt; // already in the books of a resumed broker
        if (change == next) {
            const BrokerChange c = m_changes[m_nextChange++];
            if (c.fault < 0) {
                m_brokerOpen = false;
                m_broker.expireAll(m_reports);
            } else {
                const FaultSpec &fault = m_config.simulator.faults[static_cast<std::size_t>(c.fault)];
                if (fault.kind == FaultKind::Disconnect)
                    m_broker.setConnected(!c.starting);
                else if (fault.kind == FaultKind::ErrorBurst && !before)
                    m_broker.addErrorBurst(fault.count);
            }
        } else if (arrival == next) {
            const EngineMessage request = m_arrivals.top().request;
            m_arrivals.pop();
            if (request.kind == EngineMessage::Kind::Drill) {
                runDrill(request, next);
            } else if (!m_brokerOpen && request.kind == EngineMessage::Kind::NewOrder) {
                m_reports.push_back(execReport(request.orderId, ExecType::Rejected, RejectReason::MarketClosed));
            } else {
                m_broker.onOrder(request, m_reports);
            }
        } else {
            if (before)
                m_broker.setQuote(m_history.front().quote);
            else
                m_broker.onQuote(m_history.front().quote, m_reports);
            m_history.pop_front();
            ++m_historyBase;
        }
        sendReports(next);
    }
    return progress;
}

void SimVenue::sendReports(SimTime eventTime)
{
    if (m_reports.empty())
        return;
    if (m_brokerFailed)
        return;
    // A broker records before it reports: what the engine hears of is on the broker's file.
    if (const std::string error = m_broker.persist(); !error.empty()) {
        failBroker(error, eventTime);
        return;
    }
    if (m_crashAfterAccepts > 0 && m_broker.acceptedCount() >= m_crashAfterAccepts) {
        spdlog::critical("drill: the process ends now, after the broker recorded order number {} and before the "
                         "engine heard of it",
                         m_crashAfterAccepts);
        spdlog::default_logger()->flush();
        // The acknowledgement is what is lost, not the engine's own record of sending: the
        // engine (which hears nothing more from this thread) is given the time to journal
        // it, or whether that record reached the disk would be a race lost under load.
        std::this_thread::sleep_for(kDrillJournalGrace);
        std::_Exit(86);
    }
    // What happened to orders the engine did not place (by hand at the broker, in a drill)
    // is on the broker's file, not on the engine's stream.
    std::erase_if(m_reports, [](const ExecReport &r) { return r.orderId == 0; });
    if (m_reports.empty())
        return;
    // Reports travel on one stream, as a broker's order updates do: never overtaking each
    // other, so an acknowledgement always arrives before the fills that follow it.
    const SimTime at = std::max(eventTime + reportDelay(eventTime, m_reports.front()), m_lastReportDelivery);
    m_lastReportDelivery = at;
    for (const ExecReport &r : m_reports) {
        VenueMessage m;
        m.seq = ++m_brokerSent;
        m.kind = VenueMessage::Kind::Exec;
        m.exchangeTime = eventTime;
        m.time = at;
        m.exec = r;
        Backoff backoff;
        while (!m_link.broker.tryPush(m))
            backoff.pause(); // the engine empties this queue into its own list at once
    }
    m_reports.clear();
    m_link.engineBell.ring();
}

void SimVenue::failBroker(const std::string &error, SimTime at)
{
    spdlog::critical("paper broker: {}: it records nothing more and answers nothing more this session", error);
    m_brokerFailed = true;
    m_reports.clear(); // on no file: never told
    m_link.brokerFailure = error;
    VenueMessage m;
    m.seq = ++m_brokerSent;
    m.kind = VenueMessage::Kind::BrokerStatus;
    m.status = ComponentStatus::Failed;
    m.exchangeTime = at;
    m.time = std::max(at + m_reportDelayMin, m_lastReportDelivery);
    m_lastReportDelivery = m.time;
    Backoff backoff;
    while (!m_link.broker.tryPush(m))
        backoff.pause();
    m_link.engineBell.ring();
}

void SimVenue::runDrill(const EngineMessage &request, SimTime now)
{
    const auto kind = static_cast<DrillKind>(request.drill);
    const std::string target(request.clientOrderIdView());
    // The feed has published everything before its own time: a change on it starts there.
    const SimTime feedAt = m_marketFinished ? kNever : std::max(now, marketTime());
    auto addFault = [this](FaultKind faultKind, int seconds) {
        FaultSpec fault;
        fault.kind = faultKind;
        fault.durationSeconds = seconds;
        m_config.simulator.faults.push_back(fault);
        return static_cast<std::uint16_t>(m_config.simulator.faults.size() - 1);
    };
    DrillOutcome done{true, {}};
    switch (kind) {
    case DrillKind::BrokerDisconnect: {
        const int seconds = request.drillAmount > 0 ? request.drillAmount : kDefaultDrillSeconds;
        const std::uint16_t index = addFault(FaultKind::Disconnect, seconds);
        const SimTime end = now + seconds * kNsPerSecond;
        m_broker.setConnected(false);
        const BrokerChange reconnect{end, index, false};
        m_changes.insert(std::upper_bound(m_changes.begin() + static_cast<std::ptrdiff_t>(m_nextChange),
                                          m_changes.end(), reconnect,
                                          [](const BrokerChange &a, const BrokerChange &b) { return a.time < b.time; }),
                         reconnect);
        if (feedAt != kNever) {
            scheduleMarket(feedAt, MarketEventKind::FaultStart, index);
            scheduleMarket(std::max(end, feedAt), MarketEventKind::FaultEnd, index);
        }
        done.text = "the broker is unreachable for " + std::to_string(seconds) + " s";
        break;
    }
    case DrillKind::BrokerErrorBurst: {
        const int count = request.drillAmount > 0 ? request.drillAmount : kDefaultDrillErrors;
        m_broker.addErrorBurst(count);
        done.text = "the next " + std::to_string(count) + " orders are answered with an error";
        break;
    }
    case DrillKind::FeedSilence: {
        const int seconds = request.drillAmount > 0 ? request.drillAmount : kDefaultDrillSeconds;
        if (feedAt == kNever) {
            done = {false, "the feed has already ended"};
            break;
        }
        const std::uint16_t index = addFault(FaultKind::SilentFeed, seconds);
        scheduleMarket(feedAt, MarketEventKind::FaultStart, index);
        scheduleMarket(feedAt + seconds * kNsPerSecond, MarketEventKind::FaultEnd, index);
        done.text = "no market data for " + std::to_string(seconds) + " s";
        break;
    }
    case DrillKind::BrokerManualClose:
    case DrillKind::BrokerCancelOrder:
    case DrillKind::BrokerManualOrder:
    case DrillKind::BrokerManualTrade:
        done = m_broker.drill(kind, target, request.drillAmount);
        if (const std::string error = m_broker.persist(); !error.empty()) {
            m_link.drills.post(request.drillNumber, {false, "the paper broker's file could not be written: " + error});
            failBroker(error, now);
            return;
        }
        break;
    }
    spdlog::warn("drill {} at {}: {}{}", toString(kind), m_session.clockText(now),
                 done.done ? "" : "not done: ", done.text);
    m_link.drills.post(request.drillNumber, std::move(done));
}

SimTime SimVenue::horizon()
{
    if (m_brokerFailed)
        return kNever; // it answers nothing more, whatever it is sent
    // The earliest event that could produce a report, given the requests seen so far.
    SimTime earliest = m_arrivals.empty() ? kNever : m_arrivals.top().time;
    if (m_broker.workingOrders() > 0) {
        for (std::size_t i = m_nextChange; i < m_changes.size(); ++i)
            if (m_changes[i].fault < 0)
                earliest = std::min(earliest, m_changes[i].time); // the close expires them
        if (m_scanVersion != m_broker.workingVersion() || m_scanFrom < m_historyBase) {
            m_scanVersion = m_broker.workingVersion();
            m_scanFrom = m_historyBase;
        }
        SimTime filling = marketTime(); // a quote not yet made can come no earlier
        for (; m_scanFrom < m_historyBase + m_history.size(); ++m_scanFrom) {
            const QuoteRecord &r = m_history[m_scanFrom - m_historyBase];
            if (r.time >= m_resumeAt && m_broker.wouldFill(r.quote)) {
                filling = r.time;
                break;
            }
        }
        earliest = std::min(earliest, filling);
    }
    if (earliest == kNever)
        return kNever;
    return std::max(earliest + m_reportDelayMin, m_lastReportDelivery);
}

void SimVenue::publishHorizon()
{
    const SimTime noReportBefore = horizon();
    if (noReportBefore == m_publishedHorizon && m_requestsSeen == m_publishedRequests)
        return;
    m_publishedHorizon = noReportBefore;
    m_publishedRequests = m_requestsSeen;
    VenueMessage m;
    m.seq = ++m_brokerSent;
    m.kind = VenueMessage::Kind::Horizon;
    m.horizon = BrokerHorizon{m_requestsSeen, noReportBefore};
    Backoff backoff;
    while (!m_link.broker.tryPush(m))
        backoff.pause();
    m_link.engineBell.ring();
}

void SimVenue::settleBooks()
{
    // Only marks move here: every order is final once the session has closed.
    for (const QuoteRecord &r : m_history)
        m_broker.onQuote(r.quote, m_reports);
    m_historyBase += m_history.size();
    m_history.clear();
    if (!m_reports.empty())
        spdlog::error("simulator: {} broker reports after the session ended were dropped", m_reports.size());
    m_reports.clear();
}

// ---- the thread --------------------------------------------------------------------

void SimVenue::run(const std::atomic<bool> &stop)
{
    m_wallStart = wallNowNs();
    SimTime seenPromise = -1;
    std::uint64_t idleRounds = 0;
    while (!stop.load(std::memory_order_relaxed)) {
        drainRequests();
        bool progress = stepBroker();
        publishHorizon();
        for (int i = 0; i < 256 && stepMarket(); ++i)
            progress = true;
        if (progress) {
            idleRounds = 0;
            continue;
        }
        // Nothing to do until the engine asks or promises something, the engine drains the
        // feed, or (paced) the next market event is due.
        const SimTime promise = m_link.engineTime.load(std::memory_order_acquire);
        if (promise != seenPromise) {
            seenPromise = promise;
            continue;
        }
        if (++idleRounds < static_cast<std::uint64_t>(VenueLink::kSpinsBeforeSleep)) {
#if defined(__x86_64__) || defined(__i386__)
            _mm_pause();
#endif
            continue;
        }
        auto timeout = std::chrono::microseconds(1000);
        if (m_speed > 0 && !m_marketQueue.empty() && !m_marketFinished) {
            const std::int64_t wait = wallTarget(m_marketQueue.top().time) - wallNowNs();
            timeout = std::chrono::microseconds(std::clamp<std::int64_t>(wait / 1000, 0, 5000));
        }
        m_link.venueBell.sleepUntil(
            [&] {
                return !m_link.requests.empty() || m_link.engineTime.load(std::memory_order_acquire) != seenPromise
                       || stop.load(std::memory_order_relaxed);
            },
            timeout);
    }
}

} // namespace vigil
