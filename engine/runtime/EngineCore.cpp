#include "runtime/EngineCore.h"

#include "core/EngineText.h"
#include "runtime/EnginePort.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <stdexcept>

namespace vigil {

namespace {
constexpr SimTime kPositionRecordInterval = 30 * kNsPerMinute;
}

EngineCore::EngineCore(const Config &config, const SessionWindow &session, OrderSink &sink,
                       std::vector<std::unique_ptr<StrategySource>> strategies)
    : m_config(config)
    , m_session(session)
    , m_sink(sink)
    , m_quotes(config.simulator.symbols.size(), Quote{})
    , m_lineup(std::move(strategies), config.simulator.symbols.size())
    , m_portfolio(config.simulator.symbols.size(), m_lineup.bookCount(), config.broker.paper.startingCash)
    , m_risk(config.risk, m_lineup.bookCount(), config.simulator.symbols.size())
    , m_health(config.risk.latencyAlertP95Ms)
    , m_bots(config.bots)
    , m_equity(m_portfolio, session.open)
    , m_compactDate(session.date.toCompact())
    , m_alerts(std::int64_t{config.alerts.repeatWindowSeconds} * kNsPerSecond)
    , m_incidentWatch(config.incidents)
    , m_flatten(m_orders, m_portfolio, m_session, *this)
    , m_triggers(config.risk)
{
    for (const SymbolSpec &s : config.simulator.symbols)
        m_symbolNames.push_back(s.symbol);
    for (std::size_t i = 0; i < m_quotes.size(); ++i)
        m_quotes[i].symbol = static_cast<SymbolId>(i);
    takeStrategies();
}

EngineCore::~EngineCore() = default;

Quantity EngineCore::position(StrategyId strategy, SymbolId symbol) const
{
    return m_portfolio.position(strategy, symbol);
}

std::string EngineCore::newClientOrderId(StrategyId strategy, OrderId id) const
{
    return clientOrderId(m_compactDate, m_lineup.code(strategy), id); // "op": operator actions
}

void EngineCore::process(const VenueMessage &message)
{
    ++m_events;
    m_now = message.time;
    if (!m_caughtUp && !replaying()) {
        m_caughtUp = true;
        // The books were valued at the journal's prices during the replay; from here the
        // market's prices are today's again.
        for (std::size_t s = 0; s < m_quotes.size(); ++s)
            if (m_quotes[s].bid.raw() > 0 && m_quotes[s].ask.raw() > 0)
                m_portfolio.mark(static_cast<SymbolId>(s), midPrice(m_quotes[s].bid, m_quotes[s].ask));
        resumeStrategies();
        m_nextPositionRecord = m_now + kPositionRecordInterval;
        spdlog::info("session {} resumed at {}: trading again", m_session.date.toIso(), m_session.clockText(m_now));
    }
    switch (message.kind) {
    case VenueMessage::Kind::Quote:
        m_health.feedLatency(message.time - message.exchangeTime);
        onQuote(message.quote);
        if (m_tap && !replaying())
            m_tap->onQuote(message.exchangeTime, message.quote);
        break;
    case VenueMessage::Kind::Trade:
        m_health.feedLatency(message.time - message.exchangeTime);
        m_triggers.marketData(m_now);
        m_incidentWatch.marketData(m_now);
        beat(HealthMonitor::Feed);
        if (m_tap && !replaying())
            m_tap->onTrade(message.exchangeTime, message.trade);
        break;
    case VenueMessage::Kind::Exec: onExec(message.exec); break;
    case VenueMessage::Kind::Clock: onClock(); break;
    case VenueMessage::Kind::SessionOpen: onSessionOpen(); break;
    case VenueMessage::Kind::SessionClose: onSessionClose(); break;
    case VenueMessage::Kind::FeedStatus:
        m_health.setUp(HealthMonitor::Feed, message.status == ComponentStatus::Up);
        beat(HealthMonitor::Feed);
        break;
    case VenueMessage::Kind::Horizon: break; // the simulator's own hand-over (sim/), never the core's
    case VenueMessage::Kind::BrokerStatus: onBrokerStatus(message.status); break;
    case VenueMessage::Kind::Link: onLinkEvent(message.link); break;
    }
    beat(HealthMonitor::Core);
    endJournalGroup(); // everything this message caused reaches the disk together, or none of it
}

void EngineCore::onSessionOpen()
{
    m_phase = SessionPhase::Open;
    if (!m_resumed) { // a resumed session has these from its first start
        JournalRecord opened;
        opened.kind = JournalRecord::Kind::SessionOpened;
        opened.amount = m_portfolio.startingEquity();
        opened.setText(m_session.date.toIso());
        journal(opened);
        auditConfiguration();
        journalCheckpoint("open");
    }
    m_health.allUp(m_now);
    m_triggers.marketData(m_now);
    m_incidentWatch.marketData(m_now);
    spdlog::info("session {} open", m_session.date.toIso());
}

void EngineCore::onSessionClose()
{
    m_phase = SessionPhase::Closed;
    if (replaying()) { // it closed before the restart
        spdlog::info("session {} had already closed", m_session.date.toIso());
        return;
    }
    addEquityPoint();
    JournalRecord equity;
    equity.kind = JournalRecord::Kind::Equity;
    equity.amount = m_portfolio.equity();
    journal(equity);
    journalCheckpoint("close");
    JournalRecord closed;
    closed.kind = JournalRecord::Kind::SessionClosed;
    journal(closed);
    spdlog::info("session {} closed: {} orders, {} fills, realized {}, unrealized {}", m_session.date.toIso(),
                 m_orders.orderCount(), m_orders.fillCount(), m_portfolio.realized().toString(),
                 m_portfolio.unrealized().toString());
}

void EngineCore::onBrokerStatus(ComponentStatus status)
{
    if (status == ComponentStatus::Failed && !m_brokerFailed) {
        m_brokerFailed = true;
        m_health.setUp(HealthMonitor::Broker, false);
        // The failure names the file and the system's reason first.
        haltForStorage(m_brokerFailure, m_brokerFailure + "; the broker records and answers nothing more this session",
                       "broker");
    }
    if (m_brokerFailed)
        return; // the feed's keep-alives say the link is up; the broker behind it is not
    const bool up = status == ComponentStatus::Up;
    if (up != m_health.up(HealthMonitor::Broker)) {
        spdlog::warn("broker link {}", up ? "restored" : "lost");
        if (up && !replaying())
            ++m_brokerReconnects; // the books are compared again (Engine's reconciliation thread)
    }
    m_health.setUp(HealthMonitor::Broker, up);
    beat(HealthMonitor::Broker);
}

void EngineCore::onQuote(const Quote &quote)
{
    m_quotes[quote.symbol] = quote;
    // A replayed quote is hours old while the books are today's: valued at it, the P&L,
    // the high-water mark and the drawdown trigger would read prices of the morning.
    if (!replaying())
        m_portfolio.mark(quote.symbol, midPrice(quote.bid, quote.ask));
    m_triggers.marketData(m_now);
    m_incidentWatch.marketData(m_now);
    beat(HealthMonitor::Feed);
    if (!m_strategiesRunning)
        return;
    for (const auto &port : m_ports)
        if (port->trades(quote.symbol))
            port->source().onQuote(*port, quote.symbol, quote);
    beat(HealthMonitor::Strategies);
}

void EngineCore::onExec(const ExecReport &report)
{
    beat(HealthMonitor::Broker);
    const ExecOutcome outcome = m_orders.apply(report, m_now);
    Order *order = outcome.order;
    if (!order)
        return;
    m_triggers.brokerReport(report.type, report.reason);
    if (outcome.stateChanged && isTerminal(order->status) && !replaying())
        m_execution.orderFinished(m_now, order->filledQty > 0, order->status == OrderStatus::Rejected);
    if (outcome.fillQty > 0) {
        if (!replaying())
            m_execution.fill(m_now, order->side, outcome.fillPrice, order->arrivalMid);
        m_portfolio.applyFill(order->strategy, order->symbol, order->side, outcome.fillQty, outcome.fillPrice,
                              outcome.fee);
        if (order->strategy < m_strategyFills.size())
            ++m_strategyFills[order->strategy];
        if (!order->byOperator && !replaying() && m_risk.recordFill(order->strategy, m_now)) {
            const std::string name = order->strategy < bookCount() ? strategyKey(order->strategy) : std::string("?");
            recordStrategyControl(order->strategy, true, "risk",
                                  "execution throttle: more than " + std::to_string(m_config.risk.throttleFills)
                                      + " fills in " + std::to_string(m_config.risk.throttleWindowSeconds) + " s");
            alert(AlertSeverity::Warning,
                  engineTr("Controls", "strategy %1 stopped by the execution throttle; an operator must enable it")
                      .arg(name),
                  "strategies");
        }
        recordFill(*order, outcome, report.executionId,
                   order->byOperator ? std::string("operator") : strategyKey(order->strategy));
    }
    if (outcome.stateChanged || outcome.fillQty > 0)
        journalOrder(*order, JournalRecord::Kind::OrderChanged);
    if (report.type == ExecType::Accepted) {
        m_health.ackLatency(m_now - order->createdAt);
    }
    if (report.type == ExecType::Rejected)
        spdlog::warn("order {} rejected by broker: {}", clientOrderIdOf(*order), toString(report.reason));
    if (m_recordedState != TradingState::Killed && !replaying())
        if (const std::string why = m_triggers.brokerStreakKill(); !why.empty())
            fireKill(why);
    notifyStrategy(*order, outcome.fillQty > 0 ? &outcome : nullptr, report.executionId);
    if (m_flatten.active())
        m_flatten.advance(m_now, m_phase == SessionPhase::Open);
}

void EngineCore::haltForStorage(const std::string &reason, const std::string &what, std::string_view source)
{
    if (m_recordedState != TradingState::Killed && m_recordedState != TradingState::Halted)
        recordState(m_recordedState, TradingState::Halted, "system", reason);
    const std::string text =
        engineTr("Controls", "%1: trading halted; working orders and positions stay as they are").arg(what);
    incident(IncidentCause::Storage, AlertSeverity::Critical, text, alert(AlertSeverity::Critical, text, source));
}

void EngineCore::onClock()
{
    if (m_journal && !m_journalFailed && m_journal->failed()) {
        // Nothing new may be traded that could not be recorded. The operator's controls
        // (cancel, flatten, kill) still work; what they do cannot be journaled either.
        m_journalFailed = true;
        // The writer's own words name the file and the system's reason (disk full, I/O
        // error): the operator reads them in the state's reason and in the alert.
        const std::string why = m_journal->failureReason();
        haltForStorage(why.empty() ? std::string("the journal cannot be written")
                                   : "the journal cannot be written: " + why,
                       why.empty() ? std::string("journal write failed") : "journal write failed: " + why, "store");
    }
    if (m_phase != SessionPhase::Open)
        return;
    if (!replaying()) {
        evaluateTriggers();
        watchIncidentConditions();
        checkBots();
        if (m_flatten.active())
            m_flatten.advance(m_now, m_phase == SessionPhase::Open);
    }
    // Stopped strategies (the kill switch) get no clock and do not beat; everything else
    // (the books' equity curve and checkpoints, the risk gate's heartbeat) goes on.
    if (m_strategiesRunning) {
        for (const auto &port : m_ports)
            port->source().onClock(*port);
        beat(HealthMonitor::Strategies);
    }
    beat(HealthMonitor::Risk); // the risk gate runs on this thread: it is alive while the clock ticks here
    if (replaying())
        return; // the journal has this part of the day already
    if (m_equity.pointDue(m_now)) {
        addEquityPoint();
        m_equity.nextMinute();
        for (const HealthMonitor::Alert &a : m_health.closeMinute(m_now, m_session))
            alert(AlertSeverity::Warning, a.message, a.source);
        JournalRecord equity;
        equity.kind = JournalRecord::Kind::Equity;
        equity.amount = m_portfolio.equity();
        journal(equity);
    }
    if (m_now >= m_nextPositionRecord) {
        journalCheckpoint("periodic");
        m_nextPositionRecord = m_now + kPositionRecordInterval;
    }
}

Submission EngineCore::submitFor(StrategyId strategy, SymbolId symbol, Side side, OrderType type, Quantity qty,
                                 Price limitPrice, std::string_view reference)
{
    beat(HealthMonitor::Risk);
    if (replaying()) // the market the strategy sees now was traded before the restart
        return {0, RejectReason::TradingStopped, "the market is being replayed after a restart"};
    const Quote &q = m_quotes[symbol];
    OrderIntent intent;
    intent.strategy = strategy;
    intent.symbol = symbol;
    intent.side = side;
    intent.type = type;
    intent.qty = qty;
    intent.limitPrice = limitPrice;
    intent.reference = type == OrderType::Limit ? limitPrice : (side == Side::Buy ? q.ask : q.bid);
    intent.mid = midPrice(q.bid, q.ask);

    // Outside the session, or while trading is stopped (or the strategy is), a strategy's
    // wish is not an order: it is counted, and nothing is created, journaled or sent. (A
    // strategy retries on every quote; recording each refusal would bury the journal.)
    RiskDecision decision;
    if (m_phase != SessionPhase::Open || m_now >= m_session.close) {
        decision.reason = RejectReason::MarketClosed;
        decision.detail = "outside the session";
    } else if (m_flatten.blocks(strategy, symbol)) {
        decision.reason = RejectReason::TradingStopped;
        decision.detail = "being flattened";
    } else {
        decision = m_risk.check(m_portfolio, intent, m_orders.workingCount(), m_now);
    }
    if (decision.reason == RejectReason::MarketClosed || decision.reason == RejectReason::TradingStopped
        || decision.reason == RejectReason::StrategyStopped || decision.reason == RejectReason::SymbolReduceOnly
        || decision.reason == RejectReason::ReconciliationBlock) {
        m_risk.countRefusal(decision.reason);
        return {0, decision.reason, std::move(decision.detail)};
    }

    Order &order = m_orders.create(strategy, symbol, side, type, qty, limitPrice, m_now);
    order.clientOrderId = newClientOrderId(strategy, order.id);
    order.reference = reference;
    if (decision.allowed())
        order.arrivalMid = currentMid(symbol); // journaled with the order: slippage from the journal alone
    journalOrder(order, JournalRecord::Kind::OrderCreated);
    if (strategy < m_strategyOrders.size())
        ++m_strategyOrders[strategy];
    if (decision.allowed()) {
        // The last word, from the atomic, in a window that an operator's stop waits for:
        // either this read sees the stop, or the stop returns only after the hand-over.
        const bool reducing = RiskGate::reduces(m_portfolio, intent);
        const TradingGate::SendWindow window(m_risk.gate());
        if (m_risk.mayLeave(false, reducing)) {
            sendNewOrder(order);
            m_risk.gate().countLetThrough();
        } else {
            decision.reason = RejectReason::TradingStopped;
            decision.detail = "trading stopped before the order left";
        }
    }
    if (!decision.allowed()) { // a limit: the order exists, refused, so the operator sees it
        m_risk.countRefusal(decision.reason);
        if (decision.reason != RejectReason::TradingStopped && !replaying() && m_incidentWatch.refused(m_now)) {
            const std::string text =
                engineTr("Controls", "%1 orders of %2 refused by the pre-trade checks within %3 s (the last: %4)")
                    .arg(std::to_string(m_incidentWatch.refusalsInWindow()), strategyKey(strategy),
                         std::to_string(m_config.incidents.refusalBurstSeconds),
                         std::string(toString(decision.reason)));
            incident(IncidentCause::RefusalBurst, AlertSeverity::Critical, text, alert(AlertSeverity::Critical, text));
        }
        m_orders.rejectLocally(order, decision.reason, m_now);
        journalOrder(order, JournalRecord::Kind::OrderChanged);
        spdlog::debug("order {} refused: {} ({})", clientOrderIdOf(order), toString(decision.reason), decision.detail);
        return {0, decision.reason, std::move(decision.detail)};
    }
    m_risk.recordOrderSent(intent, m_now);
    m_health.orderSent();
    return {order.id, RejectReason::None, {}};
}

Price EngineCore::currentMid(SymbolId symbol) const
{
    const Quote &q = m_quotes[symbol];
    return q.bid.raw() > 0 && q.ask.raw() > 0 ? midPrice(q.bid, q.ask) : Price{};
}

void EngineCore::sendNewOrder(Order &order, CloseRoute route)
{
    order.arrivalMid = currentMid(order.symbol);
    m_execution.orderSent(m_now);
    EngineMessage m;
    m.kind = EngineMessage::Kind::NewOrder;
    m.orderId = order.id;
    m.symbol = order.symbol;
    m.side = order.side;
    m.type = order.type;
    m.qty = order.qty;
    m.limitPrice = order.limitPrice;
    m.decisionTime = m_now;
    m.setClientOrderId(order.clientOrderId);
    m.inCloseAll = route == CloseRoute::InCloseAll;
    m_sink.send(m);
}

bool EngineCore::cancel(OrderId id)
{
    if (m_phase != SessionPhase::Open || replaying())
        return false; // after the close the broker expires what is left
    if (!m_orders.requestCancel(id, m_now))
        return false;
    journalOrder(*m_orders.find(id), JournalRecord::Kind::OrderChanged);
    EngineMessage m;
    m.kind = EngineMessage::Kind::Cancel;
    m.orderId = id;
    m.decisionTime = m_now;
    m_sink.send(m);
    m_risk.recordCancelSent(m_now);
    return true;
}

void EngineCore::journal(JournalRecord record)
{
    if (!m_journal)
        return;
    record.seq = ++m_journalSeq;
    record.time = recordTime();
    record.wallNs = utcNowNs();
    m_messageRecords.push_back(record);
}

void EngineCore::endJournalGroup()
{
    m_equity.notePeak(m_now, replaying()); // every message and command ends here
    if (m_messageRecords.empty())
        return;
    for (JournalRecord &r : m_messageRecords)
        r.endsGroup = &r == &m_messageRecords.back();
    for (const JournalRecord &r : m_messageRecords)
        m_journal->append(r);
    m_messageRecords.clear();
}

void EngineCore::recordFill(const Order &order, const ExecOutcome &outcome, std::uint64_t executionId,
                            std::string label)
{
    JournalRecord fill;
    fill.kind = JournalRecord::Kind::Fill;
    fill.orderId = order.id;
    fill.executionId = executionId;
    fill.strategy = order.strategy;
    fill.symbol = order.symbol;
    fill.side = order.side;
    fill.qty = outcome.fillQty;
    fill.price = outcome.fillPrice;
    fill.amount = outcome.fee;
    fill.setText(clientOrderIdOf(order));
    journal(fill);
    FillRow row;
    row.id = ++m_fillRows;
    row.clock = m_session.clockText(recordTime());
    row.clientOrderId = clientOrderIdOf(order);
    row.strategy = std::move(label);
    row.symbol = order.symbol < m_symbolNames.size() ? m_symbolNames[order.symbol] : std::string("?");
    row.side = order.side;
    row.qty = outcome.fillQty;
    row.price = outcome.fillPrice;
    row.fee = outcome.fee;
    m_recentFills.push_back(std::move(row));
    if (m_recentFills.size() > kSnapshotFills)
        m_recentFills.pop_front();
}

void EngineCore::journalOrder(const Order &order, JournalRecord::Kind kind, std::string_view actor)
{
    JournalRecord r;
    r.setActor(actor);
    r.kind = kind;
    r.orderId = order.id;
    r.strategy = order.strategy;
    r.symbol = order.symbol;
    r.side = order.side;
    r.type = order.type;
    r.status = order.status;
    r.reason = order.rejectReason;
    r.qty = order.qty;
    r.filledQty = order.filledQty;
    r.price = order.limitPrice;
    r.byOperator = order.byOperator;
    if (kind == JournalRecord::Kind::OrderCreated) {
        r.otherPrice = order.arrivalMid;
        r.setReference(order.reference);
    }
    r.setText(clientOrderIdOf(order));
    journal(r);
}

void EngineCore::journalCheckpoint(std::string_view kind)
{
    if (!m_journal)
        return;
    // A checkpoint's mark is on the curve before it: a report or a restart from this
    // checkpoint finds the point where it was set.
    m_equity.notePeak(m_now, replaying());
    flushPeak();
    const PortfolioState state = m_portfolio.state();
    JournalRecord c;
    c.kind = JournalRecord::Kind::Checkpoint;
    c.setText(kind);
    c.amount = state.base;
    c.realized = state.startingEquity;
    c.highWaterMark = state.highWaterMark;
    c.maxDrawdown = state.maxDrawdown;
    c.qty = static_cast<Quantity>(state.books.size() + state.symbolBooks.size());
    journal(c);
    for (const auto *list : {&state.books, &state.symbolBooks}) {
        for (const PortfolioState::Entry &e : *list) {
            JournalRecord r;
            r.kind = JournalRecord::Kind::Position;
            r.strategy = e.strategy;
            r.symbol = e.symbol;
            r.qty = e.book.qty;
            r.amount = e.book.cost;
            r.realized = e.book.realized;
            r.fees = e.book.fees;
            r.price = state.marks[e.symbol];
            journal(r);
        }
    }
    // The day's latency so far, so that a report of a past day has it.
    for (const auto &[path, h] : {std::pair<std::string_view, const LatencyHistogram *>{"feed", &m_health.feed()},
                                  {"ack", &m_health.ack()},
                                  {"tick_to_order", &m_health.tickToOrder()}}) {
        JournalRecord l;
        l.kind = JournalRecord::Kind::LatencySummary;
        l.setAction(path);
        l.qty = static_cast<Quantity>(h->count());
        l.latencyNs[0] = h->quantile(0.50);
        l.latencyNs[1] = h->quantile(0.95);
        l.latencyNs[2] = h->quantile(0.99);
        l.latencyNs[3] = h->max();
        journal(l);
    }
}

std::string ResumeReport::text() const
{
    if (!resumed)
        return {};
    return std::to_string(unknownOrders) + " open order(s) settled with the broker (" + std::to_string(fillsRecovered)
           + " fill(s) learnt from it, " + std::to_string(notReceived) + " never received by it, "
           + std::to_string(adoptedOrders) + " known only to it)";
}

void EngineCore::restore(const Recovery &recovery, SimTime resumeAt)
{
    m_portfolio.restore(recovery.portfolio);
    m_equity.restore(recovery.equityCurve);
    m_orders.restore(recovery.orders);
    for (const Order &o : recovery.orders) {
        if (o.strategy < m_strategyOrders.size()) {
            ++m_strategyOrders[o.strategy];
            m_strategyFills[o.strategy] += o.executionIds.size();
        }
        // What a reconciliation booked today stays booked: the same resolution is not taken twice.
        if (o.clientOrderId.find("-rc-") != std::string::npos)
            m_reconciliation.noteBooked(o.executionIds.begin(), o.executionIds.end());
    }
    m_journalSeq = recovery.lastSeq;
    m_resumed = recovery.sessionFound;
    // The controls as they were left: a pause, maintenance or the kill latch survive a restart.
    m_recordedState = recovery.tradingState;
    m_maintenanceReturn = recovery.maintenanceReturn;
    m_stateActor = recovery.stateActor.empty() ? std::string("system") : recovery.stateActor;
    m_stateReason = recovery.stateReason.empty() ? std::string("start") : recovery.stateReason;
    m_stateSince = recovery.stateSince;
    m_risk.gate().reset(m_recordedState);
    m_strategiesRunning = m_recordedState != TradingState::Killed;
    for (const StrategyId stopped : recovery.stoppedStrategies)
        m_risk.stopStrategy(stopped, true);
    m_resumeAt = resumeAt;
    m_caughtUp = resumeAt == 0;
    m_recordedLimits = recovery.recordedLimits;
    m_figuresAsOf = recovery.marksAt;
    m_alerts.clear();
    for (const Recovery::Alert &a : recovery.alerts) {
        if (a.acknowledgement) // after the alerts it acknowledges, in the journal's order
            m_alerts.acknowledge(a.seq, a.source, a.message);
        else
            m_alerts.raise(a.seq, a.at, m_session.clockText(a.at), a.severity, a.source, a.message);
    }
    m_incidents.restore(recovery.incidents);
    m_reconciliation.restore(recovery, m_session);
    refreshReconciliationBlocks();
}

ResumeReport EngineCore::resolveWithBroker(const std::vector<BrokerOrder> &brokerOrders)
{
    ResumeReport report;
    report.resumed = true;
    report.resumeAt = m_resumeAt;
    m_now = m_resumeAt == kNever ? m_session.close : m_resumeAt;
    const std::string compactDate = m_session.date.toCompact();

    // Everything open at the crash is unknown until the broker says otherwise.
    for (const Order &o : m_orders.orders()) {
        if (isTerminal(o.status) || o.status == OrderStatus::Unknown)
            continue;
        Order &order = *m_orders.find(o.id);
        m_orders.settle(order, OrderStatus::Unknown, RejectReason::None, m_now);
        journalOrder(order, JournalRecord::Kind::OrderChanged);
        ++report.unknownOrders;
    }
    // Orders the broker holds that the journal never recorded (sent, then the crash came
    // before their record was on disk).
    std::map<std::string, const BrokerOrder *, std::less<>> byClientId;
    for (const BrokerOrder &b : brokerOrders) {
        byClientId[b.clientOrderId] = &b;
        std::string date, code;
        OrderId number = 0;
        if (!parseClientOrderId(b.clientOrderId, date, code, number) || date != compactDate)
            continue;
        const Order *known = m_orders.find(number);
        if (known && known->qty > 0)
            continue;
        const auto symbol = std::find(m_symbolNames.begin(), m_symbolNames.end(), b.symbol);
        if (symbol == m_symbolNames.end()) {
            spdlog::error("the broker holds order {} for {}, a symbol this configuration does not have",
                          b.clientOrderId, b.symbol);
            continue;
        }
        Order adopted;
        adopted.id = number;
        adopted.strategy = strategyByCode(code);
        adopted.symbol = static_cast<SymbolId>(symbol - m_symbolNames.begin());
        adopted.side = b.side;
        adopted.type = b.type;
        adopted.qty = b.qty;
        adopted.limitPrice = b.limitPrice;
        adopted.createdAt = b.submittedAt;
        adopted.updatedAt = m_now;
        adopted.clientOrderId = b.clientOrderId;
        Order &order = m_orders.adopt(adopted);
        if (order.strategy < m_strategyOrders.size())
            ++m_strategyOrders[order.strategy];
        journalOrder(order, JournalRecord::Kind::OrderCreated);
        m_orders.settle(order, OrderStatus::Unknown, RejectReason::None, m_now);
        journalOrder(order, JournalRecord::Kind::OrderChanged);
        ++report.unknownOrders;
        ++report.adoptedOrders;
    }
    // Settle each from the broker's records.
    for (const Order &o : m_orders.orders()) {
        if (o.status != OrderStatus::Unknown)
            continue;
        const OrderId id = o.id;
        const auto found = byClientId.find(clientOrderIdOf(o));
        if (found == byClientId.end()) {
            Order &order = *m_orders.find(id);
            m_orders.settle(order, OrderStatus::Rejected, RejectReason::NotReceived, m_now);
            journalOrder(order, JournalRecord::Kind::OrderChanged);
            ++report.notReceived;
            continue;
        }
        const BrokerOrder &b = *found->second;
        for (const BrokerOrder::Execution &x : b.executions) {
            const Order &current = *m_orders.find(id);
            if (std::find(current.executionIds.begin(), current.executionIds.end(), x.id) != current.executionIds.end())
                continue;
            ExecReport fill{};
            fill.orderId = id;
            fill.type = ExecType::Fill;
            fill.fillQty = x.qty;
            fill.fillPrice = x.price;
            fill.fee = x.fee;
            fill.executionId = x.id;
            onExec(fill);
            ++report.fillsRecovered;
        }
        Order &order = *m_orders.find(id);
        OrderStatus final = order.filledQty > 0 ? OrderStatus::PartiallyFilled : OrderStatus::Accepted;
        if (b.status == "filled")
            final = OrderStatus::Filled;
        else if (b.status == "cancelled")
            final = OrderStatus::Cancelled;
        else if (b.status == "expired")
            final = OrderStatus::Expired;
        else if (b.status == "rejected")
            final = OrderStatus::Rejected;
        if (order.status != final) {
            if (!m_orders.settle(order, final, b.reason, m_now))
                spdlog::error("order {}: cannot move from {} to the broker's {}", clientOrderIdOf(order),
                              toString(order.status), b.status);
            journalOrder(order, JournalRecord::Kind::OrderChanged);
        }
    }
    auditConfiguration(); // the restarted process may have read another configuration
    JournalRecord restart;
    restart.kind = JournalRecord::Kind::Restart;
    restart.qty = static_cast<Quantity>(report.unknownOrders);
    restart.filledQty = static_cast<Quantity>(report.fillsRecovered);
    restart.setText(report.text());
    journal(restart);
    endJournalGroup();
    spdlog::warn("session {} resumed from the journal: {}; the market is replayed up to {}", m_session.date.toIso(),
                 report.text(), m_resumeAt == kNever ? std::string("the close") : m_session.clockText(m_resumeAt));
    return report;
}

} // namespace vigil
