#include "api/Checklist.h"

#include "core/EngineText.h"

#include <QDate>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace vigil {

std::string_view toString(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass: return "pass";
    case CheckStatus::Warn: return "warn";
    case CheckStatus::Fail: return "fail";
    }
    return "fail";
}

std::optional<CheckStatus> checkStatusFromText(std::string_view text)
{
    for (CheckStatus s : {CheckStatus::Pass, CheckStatus::Warn, CheckStatus::Fail})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

std::string_view toString(ChecklistKind kind) { return kind == ChecklistKind::PreMarket ? "premarket" : "eod"; }

std::optional<ChecklistKind> checklistKindFromText(std::string_view text)
{
    if (text == "premarket")
        return ChecklistKind::PreMarket;
    if (text == "eod")
        return ChecklistKind::EndOfDay;
    return std::nullopt;
}

int ChecklistResult::count(CheckStatus status) const
{
    return static_cast<int>(
        std::count_if(items.begin(), items.end(), [status](const CheckItem &i) { return i.status == status; }));
}

CheckStatus ChecklistResult::worst() const
{
    if (count(CheckStatus::Fail) > 0)
        return CheckStatus::Fail;
    return count(CheckStatus::Warn) > 0 ? CheckStatus::Warn : CheckStatus::Pass;
}

std::string ChecklistResult::summary() const
{
    const std::string text =
        engineTr("Checklist", "%1 items: %2 pass, %3 warn, %4 fail")
            .arg(items.size(), count(CheckStatus::Pass), count(CheckStatus::Warn), count(CheckStatus::Fail));
    std::string failing;
    for (const CheckItem &i : items)
        if (i.status == CheckStatus::Fail)
            failing += (failing.empty() ? "" : ", ") + i.id;
    return failing.empty() ? text : text + " (" + failing + ")";
}

namespace {

std::string number(double value, int decimals)
{
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string seconds(std::int64_t ms)
{
    if (ms < 0)
        return engineTr("Checklist", "never");
    if (ms < 120'000)
        return engineTr("Checklist", "%1 s ago").arg(number(static_cast<double>(ms) / 1000.0, 1));
    return engineTr("Checklist", "%1 min ago").arg(ms / 60'000);
}

std::string hours(std::int64_t ms)
{
    return engineTr("Checklist", "%1 h").arg(number(static_cast<double>(ms) / 3'600'000.0, 1));
}

CheckItem item(std::string id, std::string title)
{
    return CheckItem{std::move(id), std::move(title), CheckStatus::Fail, {}, {}, {}};
}

/// An item that could not look: it fails, saying why.
CheckItem unknown(CheckItem i, const std::string &why)
{
    i.status = CheckStatus::Fail;
    i.measured = engineTr("Checklist", "unknown").str();
    i.detail = why;
    return i;
}

std::string noEngine(const ChecklistFacts &f)
{
    return f.engineProblem.empty() ? engineTr("Checklist", "no engine is running on this data directory").str()
                                   : f.engineProblem;
}

CheckItem engine(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("engine", engineTr("Checklist", "Engine running"));
    i.threshold = engineTr("Checklist", "running").str();
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.status = CheckStatus::Pass;
    i.measured = engineTr("Checklist", "running").str();
    return i;
}

CheckItem heartbeats(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("heartbeats", engineTr("Checklist", "Component heartbeats"));
    i.threshold = engineTr("Checklist", "every component up, heartbeat < %1 s").arg(c.heartbeatMaxAgeSeconds);
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    if (f.components.empty())
        return unknown(i, engineTr("Checklist", "the engine reported no components"));
    std::string bad;
    std::int64_t oldest = 0;
    for (const ChecklistFacts::Component &comp : f.components) {
        const bool stale = comp.ageMs < 0 || comp.ageMs > c.heartbeatMaxAgeSeconds * 1000LL;
        oldest = std::max(oldest, comp.ageMs);
        if (!comp.up)
            bad += (bad.empty() ? "" : ", ") + engineTr("Checklist", "%1 down").arg(comp.name);
        else if (stale && f.sessionOpen)
            bad +=
                (bad.empty() ? "" : ", ") + engineTr("Checklist", "%1 silent %2").arg(comp.name, seconds(comp.ageMs));
    }
    i.measured = engineTr("Checklist", "%1 components, oldest heartbeat %2").arg(f.components.size(), seconds(oldest));
    if (!bad.empty()) {
        i.detail = bad;
        return i;
    }
    i.status = CheckStatus::Pass;
    if (!f.sessionOpen)
        i.detail = engineTr("Checklist", "the market is not open: ages are not judged").str();
    return i;
}

CheckItem feed(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("feed", engineTr("Checklist", "Market data connected and fresh"));
    i.threshold = engineTr("Checklist", "connected, last message < %1 s").arg(c.feedMaxAgeSeconds);
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.measured = (f.feedUp ? engineTr("Checklist", "connected, last message %1")
                           : engineTr("Checklist", "DISCONNECTED, last message %1"))
                     .arg(seconds(f.feedAgeMs));
    if (!f.feedUp) {
        i.detail = engineTr("Checklist", "the market-data feed is down").str();
        return i;
    }
    if (f.feedAgeMs < 0 || f.feedAgeMs > c.feedMaxAgeSeconds * 1000LL) {
        i.detail = engineTr("Checklist", "the feed is stale").str();
        return i;
    }
    i.status = CheckStatus::Pass;
    return i;
}

CheckItem disk(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("disk", engineTr("Checklist", "Free disk space on the data volume"));
    i.threshold = engineTr("Checklist", "> %1 % free (warn below %2 %)")
                      .arg(number(c.diskFreeFailPct, 0), number(c.diskFreeWarnPct, 0));
    if (f.diskFreeBytes < 0 || f.diskTotalBytes <= 0)
        return unknown(i, engineTr("Checklist", "the data volume's size could not be read"));
    const double pct = 100.0 * static_cast<double>(f.diskFreeBytes) / static_cast<double>(f.diskTotalBytes);
    i.measured = engineTr("Checklist", "%1 % free (%2 GB of %3 GB)")
                     .arg(number(pct, 1), number(static_cast<double>(f.diskFreeBytes) / 1e9, 1),
                          number(static_cast<double>(f.diskTotalBytes) / 1e9, 1));
    i.status = pct < c.diskFreeFailPct   ? CheckStatus::Fail
               : pct < c.diskFreeWarnPct ? CheckStatus::Warn
                                         : CheckStatus::Pass;
    if (i.status != CheckStatus::Pass)
        i.detail = engineTr("Checklist", "free space on %1 before the journal cannot grow").arg(f.dataDir);
    return i;
}

CheckItem errors(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("errors", engineTr("Checklist", "Errors and warnings since the last session"));
    i.threshold = engineTr("Checklist", "none (any is shown as a warning to review)").str();
    if (!f.errorsKnown)
        return unknown(i, engineTr("Checklist", "the journal's alerts could not be read"));
    i.measured =
        engineTr("Checklist", "%1 critical, %2 warnings").arg(f.criticalSinceLastSession, f.warningsSinceLastSession);
    i.detail = f.lastSession.empty() ? engineTr("Checklist", "no earlier session: counted over the journal").str()
                                     : engineTr("Checklist", "since the close of %1").arg(f.lastSession);
    i.status = f.criticalSinceLastSession + f.warningsSinceLastSession == 0 ? CheckStatus::Pass : CheckStatus::Warn;
    if (i.status == CheckStatus::Warn)
        i.detail = engineTr("Checklist", "%1; review them in the Alerts panel").arg(i.detail);
    return i;
}

CheckItem account(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("account", engineTr("Checklist", "Broker account active and not blocked"));
    i.threshold = engineTr("Checklist", "active, trading not blocked").str();
    if (!f.accountKnown)
        return unknown(i, f.engineRunning ? engineTr("Checklist", "the broker did not report its account").str()
                                          : noEngine(f));
    // The account's facts, each a phrase of its own after the first.
    i.measured =
        (f.accountActive ? engineTr("Checklist", "active") : engineTr("Checklist", "NOT ACTIVE")).str()
        + (f.tradingBlocked ? engineTr("Checklist", ", TRADING BLOCKED").str() : std::string())
        + (f.buyingPower ? engineTr("Checklist", ", buying power %1").arg(f.buyingPower->toString(2)) : std::string())
        + (f.cash ? engineTr("Checklist", ", cash %1").arg(f.cash->toString(2)) : std::string())
        + (f.patternDayTrader ? engineTr("Checklist", ", pattern day trader").str() : std::string());
    if (!f.accountActive || f.tradingBlocked) {
        i.detail = engineTr("Checklist", "the broker refuses orders on this account").str();
        return i;
    }
    i.status = f.patternDayTrader ? CheckStatus::Warn : CheckStatus::Pass;
    if (f.patternDayTrader)
        i.detail = engineTr("Checklist", "flagged pattern day trader: day trades need the margin for it").str();
    return i;
}

CheckItem risk(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("risk", engineTr("Checklist", "Risk limits in force, kill switch armed"));
    i.threshold = engineTr("Checklist", "limits enforced, kill triggers armed, not latched").str();
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.measured = engineTr("Checklist", "%1 limits, %2 kill triggers armed").arg(f.limitsInForce, f.killTriggersArmed);
    if (f.state == TradingState::Killed) {
        i.measured = engineTr("Checklist", "%1, KILL SWITCH LATCHED").arg(i.measured);
        i.detail =
            engineTr("Checklist", "reset it (resume with an acknowledgement) once the cause is understood").str();
        return i;
    }
    if (f.limitsInForce == 0 || f.killTriggersArmed == 0) {
        i.detail = engineTr("Checklist", "trading without limits or without the automatic kill switch").str();
        return i;
    }
    i.status = CheckStatus::Pass;
    return i;
}

CheckItem gaps(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("gaps", engineTr("Checklist", "Overnight gaps on held positions"));
    i.threshold = engineTr("Checklist", "< %1 % from the previous close").arg(number(c.overnightGapPct, 1));
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    std::string moved, unknownPrices;
    for (const HeldPosition &h : f.held) {
        if (h.previousClose.raw() <= 0 || h.now.raw() <= 0) {
            unknownPrices += (unknownPrices.empty() ? "" : ", ") + h.symbol;
            continue;
        }
        const double pct =
            100.0 * (static_cast<double>(h.now.raw()) / static_cast<double>(h.previousClose.raw()) - 1.0);
        if (std::fabs(pct) > c.overnightGapPct)
            moved += (moved.empty() ? "" : ", ")
                     + engineTr("Checklist", "%1 %2 %").arg(h.symbol, (pct > 0 ? "+" : "") + number(pct, 1));
    }
    i.measured = moved.empty() ? engineTr("Checklist", "%1 held, none gapped").arg(f.held.size())
                               : engineTr("Checklist", "%1 held: %2").arg(f.held.size(), moved);
    i.status = moved.empty() ? CheckStatus::Pass : CheckStatus::Warn;
    if (!unknownPrices.empty()) {
        i.status = CheckStatus::Warn;
        i.detail = engineTr("Checklist", "no price to compare yet for %1").arg(unknownPrices);
    } else if (!moved.empty()) {
        i.detail = engineTr("Checklist", "check the news before the strategies trade them").str();
    }
    return i;
}

bool bySystem(const std::string &actor)
{
    return actor.empty() || actor.rfind("system", 0) == 0 || actor == "risk" || actor == "engine";
}

CheckItem admin(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("trading_state", engineTr("Checklist", "Trading not paused unless on purpose"));
    i.threshold = engineTr("Checklist", "ACTIVE, or stopped by a person with a reason").str();
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.measured = std::string(toString(f.state));
    if (f.state == TradingState::Active) {
        i.status = CheckStatus::Pass;
        return i;
    }
    i.measured =
        engineTr("Checklist", "%1 by %2: %3")
            .arg(i.measured, f.stateActor.empty() ? engineTr("Checklist", "nobody recorded").str() : f.stateActor,
                 f.stateReason.empty() ? engineTr("Checklist", "no reason").str() : f.stateReason);
    if (f.state == TradingState::Killed) {
        i.detail = engineTr("Checklist", "the kill switch is latched").str();
        return i;
    }
    if (bySystem(f.stateActor) || f.stateReason.empty()) {
        i.detail = engineTr("Checklist", "stopped automatically: find out why before resuming").str();
        return i;
    }
    i.status = CheckStatus::Warn;
    i.detail = engineTr("Checklist", "stopped on purpose; resume when that purpose is served").str();
    return i;
}

CheckItem strategyAge(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("strategy_age", engineTr("Checklist", "Strategy age"));
    i.threshold = engineTr("Checklist", "deployed < %1 days ago").arg(c.strategyMaxAgeDays);
    const QDate today(f.today.year, f.today.month, f.today.day);
    std::string parts, old;
    bool undated = false;
    int active = 0;
    for (const StrategyAge &s : f.strategies) {
        if (!s.enabled)
            continue;
        ++active;
        if (!s.deployed) {
            parts += (parts.empty() ? "" : ", ") + engineTr("Checklist", "%1 undated").arg(s.key);
            undated = true;
            continue;
        }
        const qint64 days = QDate(s.deployed->year, s.deployed->month, s.deployed->day).daysTo(today);
        parts += (parts.empty() ? "" : ", ") + engineTr("Checklist", "%1 %2 d").arg(s.key, days);
        if (days > c.strategyMaxAgeDays)
            old += (old.empty() ? "" : ", ") + engineTr("Checklist", "%1 is %2 days old: review it").arg(s.key, days);
    }
    if (undated)
        old += std::string(old.empty() ? "" : "; ")
               + engineTr("Checklist", "record when each went live (strategies.*.deployed)").str();
    i.measured = active == 0 ? engineTr("Checklist", "no strategy enabled").str() : parts;
    i.status = old.empty() ? CheckStatus::Pass : CheckStatus::Warn;
    i.detail = old;
    return i;
}

CheckItem backup(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("backup", engineTr("Checklist", "Last verified backup"));
    i.threshold = engineTr("Checklist", "younger than %1 h").arg(c.backupMaxAgeHours);
    if (!f.backupsKnown)
        return unknown(i, engineTr("Checklist", "the backups directory could not be read"));
    if (f.verifiedBackups == 0) {
        i.measured = f.badBackups ? engineTr("Checklist", "none, %1 BAD").arg(f.badBackups)
                                  : engineTr("Checklist", "none").str();
        i.detail = engineTr("Checklist",
                            "no verified backup exists: make one now (File > Back up now, or vigil backup create)")
                       .str();
        return i;
    }
    i.measured = engineTr("Checklist", "%1, %2 old").arg(f.newestVerifiedName, hours(f.newestVerifiedAgeMs));
    i.status = f.newestVerifiedAgeMs <= c.backupMaxAgeHours * 3'600'000LL ? CheckStatus::Pass : CheckStatus::Warn;
    if (i.status == CheckStatus::Warn)
        i.detail = engineTr("Checklist", "the data-loss window is longer than the threshold").str();
    if (f.badBackups > 0)
        i.detail += std::string(i.detail.empty() ? "" : "; ")
                    + engineTr("Checklist", "%1 backup(s) failed verification").arg(f.badBackups);
    return i;
}

CheckItem intradayFlat(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("intraday_flat", engineTr("Checklist", "Intraday strategies flat"));
    i.threshold = engineTr("Checklist", "no open intraday position").str();
    if (!f.positionsKnown)
        return unknown(i,
                       f.engineRunning ? engineTr("Checklist", "the positions could not be read").str() : noEngine(f));
    if (f.openIntraday.empty()) {
        i.status = CheckStatus::Pass;
        i.measured = engineTr("Checklist", "flat").str();
        return i;
    }
    std::string open;
    for (const OpenIntraday &o : f.openIntraday)
        open += (open.empty() ? "" : ", ") + o.strategy + " " + o.symbol + " " + std::to_string(o.qty);
    // Not translated: the console reads the strategies back from this text (ChecklistPanel's
    // flatten buttons), as "N open: strategy SYMBOL qty, ...".
    i.measured = std::to_string(f.openIntraday.size()) + " open: " + open;
    i.detail = engineTr("Checklist", "flatten the strategy before leaving it overnight").str();
    return i;
}

CheckItem report(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("report", engineTr("Checklist", "Daily report generated"));
    i.threshold = engineTr("Checklist", "the day's PDF exists").str();
    if (f.reportBytes <= 0) {
        i.measured = engineTr("Checklist", "missing").str();
        i.detail =
            engineTr("Checklist", "no report at %1 (vigil report, or File > Export daily report)").arg(f.reportPath);
        return i;
    }
    i.status = CheckStatus::Pass;
    i.measured = engineTr("Checklist", "%1 (%2 KB)").arg(f.reportPath, f.reportBytes / 1024);
    return i;
}

CheckItem dailyBackup(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("daily_backup", engineTr("Checklist", "Backup made and verified"));
    i.threshold = engineTr("Checklist", "a verified daily backup younger than %1 h").arg(c.backupMaxAgeHours);
    if (!f.backupsKnown)
        return unknown(i, engineTr("Checklist", "the backups directory could not be read"));
    if (f.verifiedBackups == 0 || !f.newestVerifiedIsDaily
        || f.newestVerifiedAgeMs > c.backupMaxAgeHours * 3'600'000LL) {
        i.measured = f.verifiedBackups == 0
                         ? engineTr("Checklist", "none").str()
                         : engineTr("Checklist", "%1, %2 old").arg(f.newestVerifiedName, hours(f.newestVerifiedAgeMs));
        i.detail = engineTr("Checklist", "the day's backup has not been made (vigil backup create --type daily)").str();
        return i;
    }
    i.status = CheckStatus::Pass;
    i.measured = engineTr("Checklist", "%1, %2 old").arg(f.newestVerifiedName, hours(f.newestVerifiedAgeMs));
    return i;
}

CheckItem reconciliation(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("reconciliation", engineTr("Checklist", "Reconciliation run and clean"));
    i.threshold = engineTr("Checklist", "a complete run after the close, no difference").str();
    if (!f.reconciled) {
        i.measured = engineTr("Checklist", "not run").str();
        i.detail = f.sessionClosed ? engineTr("Checklist", "run it: vigil ctl reconcile, or Reconcile now").str()
                                   : engineTr("Checklist", "the session has not closed yet").str();
        return i;
    }
    i.measured = f.reconciliationSummary;
    if (!f.reconciliationComplete) {
        i.detail = engineTr("Checklist", "the broker's statement could not be compared in full").str();
        return i;
    }
    if (f.reconciliationDifferences > 0) {
        i.detail = engineTr("Checklist", "resolve each difference in the Reconciliation panel").str();
        return i;
    }
    i.status = CheckStatus::Pass;
    return i;
}

CheckItem logs(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("logs", engineTr("Checklist", "Logs archived"));
    i.threshold = engineTr("Checklist", "in the newest verified backup").str();
    if (!f.backupsKnown)
        return unknown(i, engineTr("Checklist", "the backups directory could not be read"));
    if (f.verifiedBackups == 0 || !f.newestVerifiedHasLogs) {
        i.measured = engineTr("Checklist", "not archived").str();
        i.detail =
            engineTr("Checklist", "the newest verified backup holds no logs (vigil backup create --include-logs)")
                .str();
        return i;
    }
    i.status = CheckStatus::Pass;
    i.measured = engineTr("Checklist", "in %1").arg(f.newestVerifiedName);
    return i;
}

} // namespace

ChecklistResult runChecklist(ChecklistKind kind, const ChecklistFacts &facts, const ChecklistConfig &thresholds)
{
    ChecklistResult r;
    r.kind = kind;
    r.sessionDate = facts.today.toIso();
    using Check = CheckItem (*)(const ChecklistFacts &, const ChecklistConfig &);
    static constexpr Check kPreMarket[] = {engine, heartbeats, feed,  disk,        errors, account,
                                           risk,   gaps,       admin, strategyAge, backup};
    static constexpr Check kEndOfDay[] = {intradayFlat, report, dailyBackup, reconciliation, logs};
    if (kind == ChecklistKind::PreMarket)
        for (Check c : kPreMarket)
            r.items.push_back(c(facts, thresholds));
    else
        for (Check c : kEndOfDay)
            r.items.push_back(c(facts, thresholds));
    return r;
}

} // namespace vigil
