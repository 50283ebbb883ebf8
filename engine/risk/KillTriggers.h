#pragma once
// The automatic kill triggers: the day's drawdown, market data silence and the broker's
// error streak, each with a warning before its limit. It decides; EngineCore acts.
//
// Calling contract (engine thread only, like EngineCore, which owns one):
// - marketData(now) on every quote and trade, and at the open; brokerReport() on every
//   execution report. Both are the hot path: a store and a counter, nothing else.
// - After each execution report (not during a replay, not while killed) EngineCore asks
//   brokerStreakKill(); once per clock message while the market is open (not during a
//   replay, not while killed) it calls evaluate() with the books' figures.
// - What it returns is all it does: it never journals, alerts, cancels or sends. EngineCore
//   raises each warning as an alert, in order, then fires the kill (if any) through its own
//   command path, as an operator's kill would be.
// It reads nothing but its arguments and the limits it was given; its state is the facts it
// was told (the last market data, the streak) and each trigger's breach so far.

#include "api/Config.h"
#include "api/Fixed.h"
#include "api/Types.h"

#include <string>
#include <vector>

namespace vigil {

class Portfolio;

class KillTriggers {
public:
    /// The books' figures a drawdown is measured on.
    struct Account {
        Money startingEquity; ///< the day's start
        Money highWaterMark;  ///< the day's high so far
        Money equity;         ///< now
        static Account of(const Portfolio &portfolio);
    };
    /// What one evaluation decided: warnings to raise (in order), then the kill to fire.
    struct Decision {
        std::vector<std::string> warnings;
        std::string kill; ///< why the kill fires; empty: it does not
    };

    explicit KillTriggers(const RiskConfig &limits)
        : m_limits(limits)
    {}

    /// Market data arrived at `now` (a quote, a trade, the open).
    void marketData(SimTime now) { m_lastMarketData = now; }
    /// The broker answered: an error (BrokerError, BrokerUnavailable refusals) lengthens the
    /// streak, an acceptance, fill or cancel ends it.
    void brokerReport(ExecType type, RejectReason reason)
    {
        switch (type) {
        case ExecType::Rejected:
        case ExecType::CancelReject:
            if (reason == RejectReason::BrokerError || reason == RejectReason::BrokerUnavailable)
                ++m_brokerErrorStreak;
            break;
        case ExecType::Accepted:
        case ExecType::Fill:
        case ExecType::Cancelled:
            m_brokerErrorStreak = 0; // the broker answers again
            break;
        case ExecType::Expired: break;
        }
    }

    /// The error streak fires at once when it reaches its limit (no debounce: each error is
    /// the broker's own word). Why, or empty.
    std::string brokerStreakKill() const;
    /// The triggers once a clock message: warns once when a trigger reaches the warning
    /// level, fires once a breach has lasted the confirmation time over at least two
    /// evaluations, so a single bad tick never fires it. Drawdown first, then silence; the
    /// streak only warns here.
    Decision evaluate(SimTime now, const Account &account);

    int brokerErrorStreak() const { return m_brokerErrorStreak; }
    SimTime lastMarketData() const { return m_lastMarketData; }
    /// Seconds since the last market data (0 before any).
    double silenceSeconds(SimTime now) const;
    /// The day's drawdown from its high, as a percentage of start-of-day equity.
    static double drawdownPctOfStart(const Account &account);
    /// A figure as the triggers' texts and the snapshot's limit rows show it ("12.34").
    static std::string twoDecimals(double value);

private:
    // When a breach began (0: not in breach), evaluations in breach, warned.
    struct Trigger {
        SimTime since = 0;
        int evaluations = 0;
        bool warned = false;
    };
    /// One trigger at `usedPct` of its limit: a warning (text) the first time it reaches the
    /// warning level; true once its breach is confirmed.
    bool breached(Trigger &trigger, double usedPct, SimTime now, const std::string &what, Decision &decision) const;

    RiskConfig m_limits;
    Trigger m_drawdown;
    Trigger m_feed;
    Trigger m_broker;
    int m_brokerErrorStreak = 0;
    SimTime m_lastMarketData = 0;
};

} // namespace vigil
