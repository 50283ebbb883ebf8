#include "risk/KillTriggers.h"

#include "portfolio/Portfolio.h"

#include <cstdio>

namespace vigil {

namespace {
std::string fixed2(double value) { return KillTriggers::twoDecimals(value); }
}

std::string KillTriggers::twoDecimals(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

KillTriggers::Account KillTriggers::Account::of(const Portfolio &portfolio)
{
    return {portfolio.startingEquity(), portfolio.highWaterMark(), portfolio.equity()};
}

double KillTriggers::drawdownPctOfStart(const Account &account)
{
    const double start = account.startingEquity.toDouble();
    return start > 0 ? 100.0 * (account.highWaterMark - account.equity).toDouble() / start : 0.0;
}

double KillTriggers::silenceSeconds(SimTime now) const
{
    return m_lastMarketData > 0 ? static_cast<double>(now - m_lastMarketData) / kNsPerSecond : 0.0;
}

std::string KillTriggers::brokerStreakKill() const
{
    if (m_brokerErrorStreak < m_limits.killBrokerErrors)
        return {};
    return std::to_string(m_brokerErrorStreak) + " consecutive broker errors (limit "
           + std::to_string(m_limits.killBrokerErrors) + ")";
}

bool KillTriggers::breached(Trigger &t, double usedPct, SimTime now, const std::string &what, Decision &decision) const
{
    if (usedPct < m_limits.warnAtPct) {
        t.warned = false;
    } else if (!t.warned) {
        t.warned = true;
        decision.warnings.push_back(what + " at " + fixed2(usedPct) + "% of its kill limit");
    }
    if (usedPct < 100.0) {
        t.since = 0;
        t.evaluations = 0;
        return false;
    }
    if (t.evaluations++ == 0)
        t.since = now;
    const SimTime confirm = SimTime{m_limits.triggerConfirmSeconds} * kNsPerSecond;
    return t.evaluations >= 2 && now - t.since >= confirm;
}

KillTriggers::Decision KillTriggers::evaluate(SimTime now, const Account &account)
{
    Decision decision;
    const double drawdownPct = drawdownPctOfStart(account);
    if (breached(m_drawdown, 100.0 * drawdownPct / m_limits.killDrawdownPct, now, "daily drawdown", decision)) {
        decision.kill = "daily drawdown " + fixed2(drawdownPct) + "% of start-of-day equity, beyond "
                        + fixed2(m_limits.killDrawdownPct) + "% for "
                        + std::to_string((now - m_drawdown.since) / kNsPerSecond) + " s";
        return decision;
    }
    const double silent = silenceSeconds(now);
    if (breached(m_feed, 100.0 * silent / m_limits.killFeedSilenceSeconds, now, "market data silence", decision)) {
        decision.kill = "market data silent for " + fixed2(silent) + " s (limit "
                        + std::to_string(m_limits.killFeedSilenceSeconds) + " s)";
        return decision;
    }
    const double errorsPct = 100.0 * m_brokerErrorStreak / m_limits.killBrokerErrors;
    if (errorsPct < m_limits.warnAtPct) {
        m_broker.warned = false;
    } else if (!m_broker.warned && errorsPct < 100.0) {
        m_broker.warned = true;
        decision.warnings.push_back(std::to_string(m_brokerErrorStreak) + " broker errors in a row, kill at "
                                    + std::to_string(m_limits.killBrokerErrors));
    }
    return decision;
}

} // namespace vigil
