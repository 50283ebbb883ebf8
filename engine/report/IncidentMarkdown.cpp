#include "api/IncidentFile.h"

#include "api/PrintedPnl.h"

#include <QDate>
#include <QDateTime>
#include <QDir>

#include <cstdio>
#include <string>

namespace vigil {

namespace {

constexpr SimTime kNsPerDay = 24 * 3600 * kNsPerSecond;

std::string orNotFilled(const std::string &text) { return text.empty() ? "(not filled in)" : text; }

/// An amount as the daily report prints it, rounded to the cent once: "$1,234.50",
/// "-$1,234.50", with `sign` also "+$1,234.50" (zero has no sign).
std::string dollars(Money value, bool sign = false)
{
    std::string text = roundToCent(value).toString(2);
    const bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.erase(0, 1);
    for (auto i = static_cast<std::ptrdiff_t>(text.find('.')) - 3; i > 0; i -= 3)
        text.insert(static_cast<std::size_t>(i), 1, ',');
    const std::string prefix = negative ? "-" : (sign && text != "0.00" ? "+" : "");
    return prefix + "$" + text;
}

std::string wallText(std::int64_t wallMs)
{
    if (wallMs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(wallMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toStdString()
           + " UTC";
}

/// A cell of a Markdown table: one line, its pipes escaped.
std::string cell(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else if (c != '\r')
            out += c;
    }
    return out;
}

std::string levelMeaning(int level)
{
    return level >= 3 ? "Level 3, critical: trading was stopped or at risk; trading resumes only once the incident "
                        "is signed off."
                      : "Level 2, warning: the operator had to act.";
}

/// One analysis field: its text, then who last set it and when.
void section(std::string &md, const IncidentRecord &incident, const char *title, IncidentField field,
             const char *level = "##")
{
    const IncidentFieldValue &value = incident.field(field);
    md += std::string(level) + " " + title + "\n\n" + orNotFilled(value.text) + "\n\n";
    if (value.isSet()) {
        md += "_Last set by " + value.actor + " at " + incidentClock(incident, value.at) + " New York";
        const std::string wall = wallText(value.wallMs);
        md += (wall.empty() ? std::string() : " (" + wall + ")") + "._\n\n";
    }
}

void timeline(std::string &md, const IncidentReport &r)
{
    md += "## Timeline\n\nFrom " + incidentClock(r.incident, r.windowStart) + " to "
          + incidentClock(r.incident, r.windowEnd) + " New York"
          + (r.incident.signedOff() ? " (the sign-off)" : " (the journal's newest record: the incident is open)")
          + ", on " + r.incident.sessionDate + ". Alerts, trading states, operator actions, orders and fills of "
          + "the window, and the incident's notes.\n\n";
    md += "| Time | Kind | Who | What |\n|---|---|---|---|\n";
    for (const TimelineEntry &e : r.timeline) {
        std::string kind(toString(e.kind));
        if (e.kind == TimelineKind::Alert)
            kind += " L" + std::to_string(e.level);
        md += "| " + incidentClock(r.incident, e.at) + " | " + kind + " | " + cell(e.actor) + " | " + cell(e.text)
              + " |\n";
    }
    md += "\n";
}

void impact(std::string &md, const IncidentReport &r)
{
    const IncidentImpact &i = r.impact;
    md += "## Impact\n\n### Financial\n\n";
    if (i.hasEquityBefore && i.hasEquityAfter) {
        // As printed: the change is the difference of the two printed equities.
        md += "- Equity change: " + dollars(roundToCent(i.equityAfter) - roundToCent(i.equityBefore), true) + " (from "
              + dollars(i.equityBefore) + " at " + incidentClock(r.incident, r.windowStart) + " to "
              + dollars(i.equityAfter) + " at " + incidentClock(r.incident, r.windowEnd) + ")\n";
    } else if (i.hasEquityAfter) {
        md += "- Equity change: unknown (no equity point before " + incidentClock(r.incident, r.windowStart)
              + "); equity at the end " + dollars(i.equityAfter) + "\n";
    } else {
        md += "- Equity change: unknown (the journal holds no equity point up to the window's end)\n";
    }
    md += "- Fees: " + dollars(i.fees) + "\n";
    md += "- Fills: " + std::to_string(i.fills) + "; orders created: " + std::to_string(i.orders) + "\n\n";
    md += "### Operational\n\n";
    md += "- Time without trading (halted, killed or in maintenance): " + formatIncidentDuration(i.stoppedNs) + "\n";
    md += "- Time reduce-only (paused): " + formatIncidentDuration(i.reduceOnlyNs) + "\n\n";
}

} // namespace

std::string formatIncidentDuration(SimTime ns)
{
    const long long s = ns <= 0 ? 0 : static_cast<long long>(ns / kNsPerSecond);
    char text[48];
    if (s < 60)
        std::snprintf(text, sizeof text, "%lld s", s);
    else if (s < 3600)
        std::snprintf(text, sizeof text, "%lldm %02llds", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%lldh %02lldm %02llds", s / 3600, s / 60 % 60, s % 60);
    return text;
}

std::string incidentClock(const IncidentRecord &incident, SimTime t)
{
    const QDate base = QDate::fromString(QString::fromStdString(incident.sessionDate), Qt::ISODate);
    if (!base.isValid())
        return QDateTime::fromMSecsSinceEpoch(t / kNsPerMs, Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                   .toStdString()
               + " UTC";
    auto windowOf = [](const QDate &d) { return sessionFor(Date{d.year(), d.month(), d.day()}); };
    auto startOf = [&windowOf](const QDate &d) { return windowOf(d).at(0, 0); };
    // New York's day of `t`: a guess by whole days, then set right across a DST change.
    const SimTime offset = t - startOf(base);
    QDate day = base.addDays(offset >= 0 ? offset / kNsPerDay : -((-offset + kNsPerDay - 1) / kNsPerDay));
    while (t < startOf(day))
        day = day.addDays(-1);
    while (t >= startOf(day.addDays(1)))
        day = day.addDays(1);
    const std::string clock = windowOf(day).clockText(t);
    return day == base ? clock : day.toString(Qt::ISODate).toStdString() + " " + clock;
}

std::string incidentStateText(const IncidentRecord &incident)
{
    return incident.signedOff() ? "signed off by " + incident.signedOffBy : "OPEN";
}

QString incidentExportPath(const QString &dataDir, std::uint64_t id, const QString &extension)
{
    return QDir(dataDir).filePath(QStringLiteral("incidents/incident-%1.%2").arg(id).arg(extension));
}

std::string incidentMarkdown(const IncidentReport &r)
{
    const IncidentRecord &incident = r.incident;
    std::string md;
    md += "# Incident #" + std::to_string(incident.id) + ": " + incident.title + "\n\n";
    md += "Cause: " + std::string(toString(incident.cause)) + "; level: L" + std::to_string(incident.level)
          + "; state: " + incidentStateText(incident) + "\n\n";
    md += "Opened " + incident.sessionDate + " " + incidentClock(incident, incident.at) + " New York";
    const std::string wall = wallText(incident.wallMs);
    md += (wall.empty() ? std::string() : " (" + wall + ")") + " by " + incident.openedBy;
    md += incident.alert ? ", on alert #" + std::to_string(*incident.alert) + ".\n\n" : ".\n\n";

    section(md, incident, "Summary", IncidentField::Summary);

    md += "## Severity\n\n" + levelMeaning(incident.level) + "\n\n";
    std::string raised;
    for (const IncidentChangeRecord &c : incident.changes)
        if (c.field == IncidentField::Level)
            raised += "- Raised to level " + c.value + " at " + incidentClock(incident, c.at) + " by " + c.actor + "\n";
    if (!raised.empty())
        md += raised + "\n";
    if (!incident.events.empty()) {
        md += "Later events attached to it:\n\n";
        for (const IncidentChangeRecord &c : incident.events)
            md += "- " + incidentClock(incident, c.at) + " " + c.value + "\n";
        md += "\n";
    }

    timeline(md, r);
    section(md, incident, "Root cause", IncidentField::RootCause);
    section(md, incident, "Contributing factors", IncidentField::ContributingFactors);
    impact(md, r);
    section(md, incident, "Actions taken", IncidentField::ActionsTaken);
    md += "## Preventive measures\n\n";
    section(md, incident, "Immediate", IncidentField::PreventiveImmediate, "###");
    section(md, incident, "Short term", IncidentField::PreventiveShortTerm, "###");
    section(md, incident, "Long term", IncidentField::PreventiveLongTerm, "###");

    md += "## Sign-off\n\n";
    if (incident.signedOff()) {
        const std::string signedWall = wallText(incident.signedOffWallMs);
        md += "Signed off by " + incident.signedOffBy + " at " + incidentClock(incident, incident.signedOffAt)
              + " New York" + (signedWall.empty() ? std::string() : " (" + signedWall + ")") + ".\n\n"
              + orNotFilled(incident.signOffNote) + "\n";
    } else {
        md += "Not signed off: the incident is open.\n";
    }
    return md;
}

} // namespace vigil
