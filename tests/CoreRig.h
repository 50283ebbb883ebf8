#pragma once
// An engine core driven by hand for tests: venue messages in, the orders and requests it
// sends recorded, the simulated clock moved one second at a time. Engine thread rules hold:
// everything runs on the test's thread.

#include "api/Assembly.h"
#include "api/Config.h"
#include "runtime/EngineCore.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vigil::testing {

class Recorder final : public OrderSink {
public:
    void send(const EngineMessage &message) override
    {
        if (onSend)
            onSend(message);
        sent.push_back(message);
    }
    std::size_t count(EngineMessage::Kind kind, std::size_t from = 0) const
    {
        std::size_t n = 0;
        for (std::size_t i = from; i < sent.size(); ++i)
            n += sent[i].kind == kind ? 1 : 0;
        return n;
    }
    std::vector<EngineMessage> sent;
    std::function<void(const EngineMessage &)> onSend; ///< called while the order is handed over
};

inline Config quietConfig()
{
    Config c = defaultConfig();
    c.strategies.intraday.enabled = false; // the test places the orders
    c.strategies.swing.enabled = false;
    return c;
}

inline Command command(CommandKind kind, std::string reason = "test")
{
    Command c = commandOf(kind);
    originOf(c).actor = "tester";
    originOf(c).reason = std::move(reason);
    return c;
}

/// An engine core driven by hand: messages in, the orders it sends recorded.
struct Rig {
    explicit Rig(Config c = quietConfig())
        : config(std::move(c))
        , session(sessionFor(Date{2026, 11, 20}))
        , core(std::make_unique<EngineCore>(config, session, sink, makeStrategies(config)))
        , now(session.open)
    {
        VenueMessage open;
        open.kind = VenueMessage::Kind::SessionOpen;
        deliver(open);
    }
    void deliver(VenueMessage m)
    {
        m.time = m.exchangeTime = now;
        core->process(m);
    }
    void quote(SymbolId symbol, std::int64_t bidCents, std::int64_t askCents)
    {
        VenueMessage m;
        m.kind = VenueMessage::Kind::Quote;
        m.quote = Quote{symbol, Price::fromCents(bidCents), Price::fromCents(askCents), 1000, 1000};
        deliver(m);
    }
    void clock(int seconds = 1)
    {
        for (int i = 0; i < seconds; ++i) {
            now += kNsPerSecond;
            VenueMessage m;
            m.kind = VenueMessage::Kind::Clock;
            deliver(m);
        }
    }
    void report(OrderId id, ExecType type, Quantity fillQty = 0, std::int64_t priceCents = 0,
                RejectReason reason = RejectReason::None)
    {
        VenueMessage m;
        m.kind = VenueMessage::Kind::Exec;
        m.exec = ExecReport{};
        m.exec.orderId = id;
        m.exec.type = type;
        m.exec.reason = reason;
        m.exec.fillQty = fillQty;
        m.exec.fillPrice = Price::fromCents(priceCents);
        m.exec.executionId = ++executions;
        deliver(m);
    }
    OrderId buy(SymbolId symbol, Quantity qty, std::int64_t limitCents, StrategyId strategy = 0)
    {
        return core->submit(strategy, symbol, Side::Buy, OrderType::Limit, qty, Price::fromCents(limitCents));
    }
    CommandResult run(const Command &c) { return core->execute(c); }
    /// Signs off every level-3 incident still open, as the operator does before resuming
    /// after a kill; returns how many.
    int signOffIncidents()
    {
        int signedOff = 0;
        for (const IncidentRow &row : *core->makeSnapshot(1)->incidents) {
            if (!row.holdsResume())
                continue;
            cmd::SignOffIncident signOff;
            signOff.actor = "tester";
            signOff.reason = "cause understood";
            signOff.incident = row.id;
            signedOff += core->execute(signOff).ok ? 1 : 0;
        }
        return signedOff;
    }

    Config config;
    SessionWindow session;
    Recorder sink;
    std::unique_ptr<EngineCore> core;
    SimTime now;
    std::uint64_t executions = 0;
};

/// Keeps every record it is given; a writer that has failed (disk full, I/O error) the
/// moment `broken` is set.
class BreakableJournal final : public JournalSink {
public:
    void append(JournalRecord record) override { records.push_back(record); }
    void flush() override {}
    bool failed() const override { return broken; }
    std::string failureReason() const override { return broken ? reason : std::string(); }
    std::int64_t lastCommitWallNs() const override { return 0; }
    std::int64_t lastAliveWallNs() const override { return 0; }
    bool broken = false;
    std::string reason = "writing record 12 failed: database or disk is full (No space left on device)";
    std::vector<JournalRecord> records;
};

/// Limits wide enough that only the check under test refuses.
inline Config roomyConfig()
{
    Config c = quietConfig();
    c.risk.maxOpenOrders = 10'000;
    c.risk.maxOrdersPerSecond = 10'000;
    c.risk.duplicateWindowMs = 0;
    c.risk.maxGrossExposurePct = 1000;
    c.risk.maxPositionNotional = Money::fromDollars(10'000'000);
    c.risk.maxOrderNotional = Money::fromDollars(10'000'000);
    return c;
}

} // namespace vigil::testing
