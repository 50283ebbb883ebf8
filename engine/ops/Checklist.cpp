#include "ops/Checklist.h"

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
    return static_cast<int>(std::count_if(items.begin(), items.end(), [status](const CheckItem &i) { return i.status == status; }));
}

CheckStatus ChecklistResult::worst() const
{
    if (count(CheckStatus::Fail) > 0)
        return CheckStatus::Fail;
    return count(CheckStatus::Warn) > 0 ? CheckStatus::Warn : CheckStatus::Pass;
}

std::string ChecklistResult::summary() const
{
    std::string text = std::to_string(items.size()) + " items: " + std::to_string(count(CheckStatus::Pass)) + " pass, "
        + std::to_string(count(CheckStatus::Warn)) + " warn, " + std::to_string(count(CheckStatus::Fail)) + " fail";
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
        return "never";
    if (ms < 120'000)
        return number(static_cast<double>(ms) / 1000.0, 1) + " s ago";
    return std::to_string(ms / 60'000) + " min ago";
}

std::string hours(std::int64_t ms) { return number(static_cast<double>(ms) / 3'600'000.0, 1) + " h"; }

CheckItem item(std::string id, std::string title) { return CheckItem{std::move(id), std::move(title), CheckStatus::Fail, {}, {}, {}}; }

/// An item that could not look: it fails, saying why.
CheckItem unknown(CheckItem i, const std::string &why)
{
    i.status = CheckStatus::Fail;
    i.measured = "unknown";
    i.detail = why;
    return i;
}

std::string noEngine(const ChecklistFacts &f)
{
    return f.engineProblem.empty() ? std::string("no engine is running on this data directory") : f.engineProblem;
}

CheckItem engine(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("engine", "Engine running");
    i.threshold = "running";
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.status = CheckStatus::Pass;
    i.measured = "running";
    return i;
}

CheckItem heartbeats(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("heartbeats", "Component heartbeats");
    i.threshold = "every component up, heartbeat < " + std::to_string(c.heartbeatMaxAgeSeconds) + " s";
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    if (f.components.empty())
        return unknown(i, "the engine reported no components");
    std::string bad;
    std::int64_t oldest = 0;
    for (const ChecklistFacts::Component &comp : f.components) {
        const bool stale = comp.ageMs < 0 || comp.ageMs > c.heartbeatMaxAgeSeconds * 1000LL;
        oldest = std::max(oldest, comp.ageMs);
        if (!comp.up)
            bad += (bad.empty() ? "" : ", ") + comp.name + " down";
        else if (stale && f.sessionOpen)
            bad += (bad.empty() ? "" : ", ") + comp.name + " silent " + seconds(comp.ageMs);
    }
    i.measured = std::to_string(f.components.size()) + " components, oldest heartbeat " + seconds(oldest);
    if (!bad.empty()) {
        i.detail = bad;
        return i;
    }
    i.status = CheckStatus::Pass;
    if (!f.sessionOpen)
        i.detail = "the market is not open: ages are not judged";
    return i;
}

CheckItem feed(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("feed", "Market data connected and fresh");
    i.threshold = "connected, last message < " + std::to_string(c.feedMaxAgeSeconds) + " s";
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.measured = std::string(f.feedUp ? "connected" : "DISCONNECTED") + ", last message " + seconds(f.feedAgeMs);
    if (!f.feedUp) {
        i.detail = "the market-data feed is down";
        return i;
    }
    if (f.feedAgeMs < 0 || f.feedAgeMs > c.feedMaxAgeSeconds * 1000LL) {
        i.detail = "the feed is stale";
        return i;
    }
    i.status = CheckStatus::Pass;
    return i;
}

CheckItem disk(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("disk", "Free disk space on the data volume");
    i.threshold = "> " + number(c.diskFreeFailPct, 0) + " % free (warn below " + number(c.diskFreeWarnPct, 0) + " %)";
    if (f.diskFreeBytes < 0 || f.diskTotalBytes <= 0)
        return unknown(i, "the data volume's size could not be read");
    const double pct = 100.0 * static_cast<double>(f.diskFreeBytes) / static_cast<double>(f.diskTotalBytes);
    i.measured = number(pct, 1) + " % free (" + number(static_cast<double>(f.diskFreeBytes) / 1e9, 1) + " GB of "
        + number(static_cast<double>(f.diskTotalBytes) / 1e9, 1) + " GB)";
    i.status = pct < c.diskFreeFailPct ? CheckStatus::Fail : pct < c.diskFreeWarnPct ? CheckStatus::Warn : CheckStatus::Pass;
    if (i.status != CheckStatus::Pass)
        i.detail = "free space on " + f.dataDir + " before the journal cannot grow";
    return i;
}

CheckItem errors(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("errors", "Errors and warnings since the last session");
    i.threshold = "none (any is shown as a warning to review)";
    if (!f.errorsKnown)
        return unknown(i, "the journal's alerts could not be read");
    i.measured = std::to_string(f.criticalSinceLastSession) + " critical, " + std::to_string(f.warningsSinceLastSession)
        + " warnings";
    i.detail = f.lastSession.empty() ? "no earlier session: counted over the journal" : "since the close of " + f.lastSession;
    i.status = f.criticalSinceLastSession + f.warningsSinceLastSession == 0 ? CheckStatus::Pass : CheckStatus::Warn;
    if (i.status == CheckStatus::Warn)
        i.detail += "; review them in the Alerts panel";
    return i;
}

CheckItem account(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("account", "Broker account active and not blocked");
    i.threshold = "active, trading not blocked";
    if (!f.accountKnown)
        return unknown(i, f.engineRunning ? "the broker did not report its account" : noEngine(f));
    i.measured = std::string(f.accountActive ? "active" : "NOT ACTIVE") + (f.tradingBlocked ? ", TRADING BLOCKED" : "")
        + (f.buyingPower ? ", buying power " + f.buyingPower->toString(2) : std::string())
        + (f.cash ? ", cash " + f.cash->toString(2) : std::string()) + (f.patternDayTrader ? ", pattern day trader" : "");
    if (!f.accountActive || f.tradingBlocked) {
        i.detail = "the broker refuses orders on this account";
        return i;
    }
    i.status = f.patternDayTrader ? CheckStatus::Warn : CheckStatus::Pass;
    if (f.patternDayTrader)
        i.detail = "flagged pattern day trader: day trades need the margin for it";
    return i;
}

CheckItem risk(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("risk", "Risk limits in force, kill switch armed");
    i.threshold = "limits enforced, kill triggers armed, not latched";
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.measured = std::to_string(f.limitsInForce) + " limits, " + std::to_string(f.killTriggersArmed) + " kill triggers armed";
    if (f.state == TradingState::Killed) {
        i.measured += ", KILL SWITCH LATCHED";
        i.detail = "reset it (resume with an acknowledgement) once the cause is understood";
        return i;
    }
    if (f.limitsInForce == 0 || f.killTriggersArmed == 0) {
        i.detail = "trading without limits or without the automatic kill switch";
        return i;
    }
    i.status = CheckStatus::Pass;
    return i;
}

CheckItem gaps(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("gaps", "Overnight gaps on held positions");
    i.threshold = "< " + number(c.overnightGapPct, 1) + " % from the previous close";
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    std::string moved, unknownPrices;
    for (const HeldPosition &h : f.held) {
        if (h.previousClose.raw() <= 0 || h.now.raw() <= 0) {
            unknownPrices += (unknownPrices.empty() ? "" : ", ") + h.symbol;
            continue;
        }
        const double pct = 100.0 * (static_cast<double>(h.now.raw()) / static_cast<double>(h.previousClose.raw()) - 1.0);
        if (std::fabs(pct) > c.overnightGapPct)
            moved += (moved.empty() ? "" : ", ") + h.symbol + " " + (pct > 0 ? "+" : "") + number(pct, 1) + " %";
    }
    i.measured = std::to_string(f.held.size()) + " held" + (moved.empty() ? ", none gapped" : ": " + moved);
    i.status = moved.empty() ? CheckStatus::Pass : CheckStatus::Warn;
    if (!unknownPrices.empty()) {
        i.status = CheckStatus::Warn;
        i.detail = "no price to compare yet for " + unknownPrices;
    } else if (!moved.empty()) {
        i.detail = "check the news before the strategies trade them";
    }
    return i;
}

bool bySystem(const std::string &actor)
{
    return actor.empty() || actor.rfind("system", 0) == 0 || actor == "risk" || actor == "engine";
}

CheckItem admin(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("trading_state", "Trading not paused unless on purpose");
    i.threshold = "ACTIVE, or stopped by a person with a reason";
    if (!f.engineRunning)
        return unknown(i, noEngine(f));
    i.measured = std::string(toString(f.state));
    if (f.state == TradingState::Active) {
        i.status = CheckStatus::Pass;
        return i;
    }
    i.measured += " by " + (f.stateActor.empty() ? std::string("nobody recorded") : f.stateActor) + ": "
        + (f.stateReason.empty() ? std::string("no reason") : f.stateReason);
    if (f.state == TradingState::Killed) {
        i.detail = "the kill switch is latched";
        return i;
    }
    if (bySystem(f.stateActor) || f.stateReason.empty()) {
        i.detail = "stopped automatically: find out why before resuming";
        return i;
    }
    i.status = CheckStatus::Warn;
    i.detail = "stopped on purpose; resume when that purpose is served";
    return i;
}

CheckItem strategyAge(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("strategy_age", "Strategy age");
    i.threshold = "deployed < " + std::to_string(c.strategyMaxAgeDays) + " days ago";
    const QDate today(f.today.year, f.today.month, f.today.day);
    std::string parts, old;
    bool undated = false;
    int active = 0;
    for (const StrategyAge &s : f.strategies) {
        if (!s.enabled)
            continue;
        ++active;
        if (!s.deployed) {
            parts += (parts.empty() ? "" : ", ") + s.key + " undated";
            undated = true;
            continue;
        }
        const qint64 days = QDate(s.deployed->year, s.deployed->month, s.deployed->day).daysTo(today);
        parts += (parts.empty() ? "" : ", ") + s.key + " " + std::to_string(days) + " d";
        if (days > c.strategyMaxAgeDays)
            old += (old.empty() ? "" : ", ") + s.key + " is " + std::to_string(days) + " days old: review it";
    }
    if (undated)
        old += std::string(old.empty() ? "" : "; ") + "record when each went live (strategies.*.deployed)";
    i.measured = active == 0 ? std::string("no strategy enabled") : parts;
    i.status = old.empty() ? CheckStatus::Pass : CheckStatus::Warn;
    i.detail = old;
    return i;
}

CheckItem backup(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("backup", "Last verified backup");
    i.threshold = "younger than " + std::to_string(c.backupMaxAgeHours) + " h";
    if (!f.backupsKnown)
        return unknown(i, "the backups directory could not be read");
    if (f.verifiedBackups == 0) {
        i.measured = "none" + (f.badBackups ? ", " + std::to_string(f.badBackups) + " BAD" : std::string());
        i.detail = "no verified backup exists: make one now (File > Back up now, or vigil backup create)";
        return i;
    }
    i.measured = f.newestVerifiedName + ", " + hours(f.newestVerifiedAgeMs) + " old";
    i.status = f.newestVerifiedAgeMs <= c.backupMaxAgeHours * 3'600'000LL ? CheckStatus::Pass : CheckStatus::Warn;
    if (i.status == CheckStatus::Warn)
        i.detail = "the data-loss window is longer than the threshold";
    if (f.badBackups > 0)
        i.detail += std::string(i.detail.empty() ? "" : "; ") + std::to_string(f.badBackups) + " backup(s) failed verification";
    return i;
}

CheckItem intradayFlat(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("intraday_flat", "Intraday strategies flat");
    i.threshold = "no open intraday position";
    if (!f.positionsKnown)
        return unknown(i, f.engineRunning ? "the positions could not be read" : noEngine(f));
    if (f.openIntraday.empty()) {
        i.status = CheckStatus::Pass;
        i.measured = "flat";
        return i;
    }
    std::string open;
    for (const OpenIntraday &o : f.openIntraday)
        open += (open.empty() ? "" : ", ") + o.strategy + " " + o.symbol + " " + std::to_string(o.qty);
    i.measured = std::to_string(f.openIntraday.size()) + " open: " + open;
    i.detail = "flatten the strategy before leaving it overnight";
    return i;
}

CheckItem report(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("report", "Daily report generated");
    i.threshold = "the day's PDF exists";
    if (f.reportBytes <= 0) {
        i.measured = "missing";
        i.detail = "no report at " + f.reportPath + " (vigil report, or File > Export daily report)";
        return i;
    }
    i.status = CheckStatus::Pass;
    i.measured = f.reportPath + " (" + std::to_string(f.reportBytes / 1024) + " KB)";
    return i;
}

CheckItem dailyBackup(const ChecklistFacts &f, const ChecklistConfig &c)
{
    CheckItem i = item("daily_backup", "Backup made and verified");
    i.threshold = "a verified daily backup younger than " + std::to_string(c.backupMaxAgeHours) + " h";
    if (!f.backupsKnown)
        return unknown(i, "the backups directory could not be read");
    if (f.verifiedBackups == 0 || !f.newestVerifiedIsDaily || f.newestVerifiedAgeMs > c.backupMaxAgeHours * 3'600'000LL) {
        i.measured = f.verifiedBackups == 0 ? std::string("none")
                                            : f.newestVerifiedName + ", " + hours(f.newestVerifiedAgeMs) + " old";
        i.detail = "the day's backup has not been made (vigil backup create --type daily)";
        return i;
    }
    i.status = CheckStatus::Pass;
    i.measured = f.newestVerifiedName + ", " + hours(f.newestVerifiedAgeMs) + " old";
    return i;
}

CheckItem reconciliation(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("reconciliation", "Reconciliation run and clean");
    i.threshold = "a complete run after the close, no difference";
    if (!f.reconciled) {
        i.measured = "not run";
        i.detail = f.sessionClosed ? "run it: vigil ctl reconcile, or Reconcile now" : "the session has not closed yet";
        return i;
    }
    i.measured = f.reconciliationSummary;
    if (!f.reconciliationComplete) {
        i.detail = "the broker's statement could not be compared in full";
        return i;
    }
    if (f.reconciliationDifferences > 0) {
        i.detail = "resolve each difference in the Reconciliation panel";
        return i;
    }
    i.status = CheckStatus::Pass;
    return i;
}

CheckItem logs(const ChecklistFacts &f, const ChecklistConfig &)
{
    CheckItem i = item("logs", "Logs archived");
    i.threshold = "in the newest verified backup";
    if (!f.backupsKnown)
        return unknown(i, "the backups directory could not be read");
    if (f.verifiedBackups == 0 || !f.newestVerifiedHasLogs) {
        i.measured = "not archived";
        i.detail = "the newest verified backup holds no logs (vigil backup create --include-logs)";
        return i;
    }
    i.status = CheckStatus::Pass;
    i.measured = "in " + f.newestVerifiedName;
    return i;
}

} // namespace

ChecklistResult runChecklist(ChecklistKind kind, const ChecklistFacts &facts, const ChecklistConfig &thresholds)
{
    ChecklistResult r;
    r.kind = kind;
    r.sessionDate = facts.today.toIso();
    using Check = CheckItem (*)(const ChecklistFacts &, const ChecklistConfig &);
    static constexpr Check kPreMarket[] = {engine, heartbeats, feed, disk, errors, account, risk, gaps, admin, strategyAge, backup};
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
