#include "IncidentPdf.h"

#include "PdfPage.h"

#include "Format.h"

#include "api/PrintedPnl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace vigil {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(IncidentPdf)
};

QString q(const std::string &s) { return QString::fromStdString(s); }

using pdf::font;
using pdf::kBottom;
using pdf::kContentWidth;
using pdf::kMargin;
using pdf::kPageHeight;
using pdf::kPageWidth;
using pdf::kRow;
using pdf::kTop;

/// `text` broken into lines no wider than `width` at `f`: at its own line breaks, then
/// between words (a word wider than the line is cut). Measured without a device, so that
/// the counting pass and the drawing pass break the same way.
QStringList wrap(const QString &text, const QFont &f, double width)
{
    const QFontMetricsF metrics(f);
    QStringList lines;
    for (const QString &paragraph : text.split(QLatin1Char('\n'))) {
        QString current;
        for (QString word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString candidate = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
            if (metrics.horizontalAdvance(candidate) <= width) {
                current = candidate;
                continue;
            }
            if (!current.isEmpty())
                lines << current;
            while (metrics.horizontalAdvance(word) > width && word.size() > 1) {
                qsizetype keep = word.size() - 1;
                while (keep > 1 && metrics.horizontalAdvance(word.left(keep)) > width)
                    --keep;
                lines << word.left(keep);
                word = word.mid(keep);
            }
            current = word;
        }
        lines << current;
    }
    return lines;
}

struct Column {
    QString title;
    double width; ///< share of the content width
};

/// Lays the record out top to bottom, breaking pages where a line does not fit. Run twice:
/// once without a painter to count the pages, then to draw.
class Layout {
public:
    Layout(QPainter *painter, QPdfWriter *writer, const IncidentReport &report, const IncidentPdfOptions &options,
           int pages)
        : m_p(painter)
        , m_writer(writer)
        , m_report(report)
        , m_incident(report.incident)
        , m_options(options)
        , m_pages(pages)
    {}

    int pages() const { return m_page; }

    void run()
    {
        startPage();
        title();
        field(Text::tr("Summary"), IncidentField::Summary);
        severity();
        timeline();
        field(Text::tr("Root cause"), IncidentField::RootCause);
        field(Text::tr("Contributing factors"), IncidentField::ContributingFactors);
        impact();
        field(Text::tr("Actions taken"), IncidentField::ActionsTaken);
        heading(Text::tr("Preventive measures"));
        field(Text::tr("Immediate"), IncidentField::PreventiveImmediate, false);
        field(Text::tr("Short term"), IncidentField::PreventiveShortTerm, false);
        field(Text::tr("Long term"), IncidentField::PreventiveLongTerm, false);
        signOff();
        finishPage();
    }

private:
    QString clock(SimTime t) const { return q(incidentClock(m_incident, t)); }

    static QString wall(std::int64_t ms)
    {
        return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                            + QStringLiteral(" UTC")
                      : QString();
    }

    void startPage()
    {
        ++m_page;
        m_y = kTop;
        if (!m_p)
            return;
        m_p->setFont(font(7));
        m_p->setPen(QColor(110, 110, 110));
        m_p->drawText(QRectF(kMargin, kMargin - 4, kContentWidth, 12), Qt::AlignLeft | Qt::AlignVCenter,
                      Text::tr("Vigil incident #%1").arg(m_incident.id));
        m_p->drawText(
            QRectF(kMargin, kMargin - 4, kContentWidth, 12), Qt::AlignRight | Qt::AlignVCenter,
            Text::tr("%1, opened %2").arg(q(std::string(toString(m_incident.cause))), q(m_incident.sessionDate)));
        m_p->drawLine(QPointF(kMargin, kMargin + 9), QPointF(kPageWidth - kMargin, kMargin + 9));
    }

    void finishPage()
    {
        if (!m_p)
            return;
        m_p->setFont(font(7));
        m_p->setPen(QColor(110, 110, 110));
        m_p->drawText(QRectF(kMargin, kPageHeight - kMargin, kContentWidth, 12), Qt::AlignLeft | Qt::AlignVCenter,
                      Text::tr("Generated %1 UTC by Vigil %2")
                          .arg(m_options.generatedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                               m_options.appVersion));
        m_p->drawText(QRectF(kMargin, kPageHeight - kMargin, kContentWidth, 12), Qt::AlignRight | Qt::AlignVCenter,
                      Text::tr("page %1 of %2").arg(m_page).arg(m_pages));
    }

    void newPage()
    {
        finishPage();
        if (m_p)
            m_writer->newPage();
        startPage();
    }

    /// Room for `height` more points on this page, or a new page.
    void need(double height)
    {
        if (m_y + height > kBottom)
            newPage();
    }

    void heading(const QString &text, bool major = true)
    {
        need(18 + 3 * kRow); // never a heading alone at the foot of a page
        m_y += major ? 8 : 4;
        if (m_p) {
            m_p->setFont(font(major ? 11 : 9, true));
            m_p->setPen(QColor(20, 40, 80));
            m_p->drawText(QRectF(kMargin, m_y, kContentWidth, 14), Qt::AlignLeft | Qt::AlignVCenter, text);
            if (major) {
                m_p->setPen(QColor(190, 190, 190));
                m_p->drawLine(QPointF(kMargin, m_y + 15), QPointF(kPageWidth - kMargin, m_y + 15));
            }
        }
        m_y += major ? 19 : 15;
    }

    /// Text wrapped to the page's width, a page break wherever a line does not fit.
    void paragraph(const QString &text, int size = 8, bool bold = false, const QColor &color = Qt::black)
    {
        const QFont f = font(size, bold);
        for (const QString &l : wrap(text, f, kContentWidth)) {
            need(kRow);
            if (m_p) {
                m_p->setFont(f);
                m_p->setPen(color);
                m_p->drawText(QRectF(kMargin, m_y, kContentWidth, kRow), Qt::AlignLeft | Qt::AlignVCenter, l);
            }
            m_y += kRow;
        }
    }

    /// Label and value pairs, one to a line.
    void pairs(const std::vector<std::pair<QString, QString>> &items)
    {
        for (const auto &[label, value] : items) {
            need(kRow);
            if (m_p) {
                m_p->setPen(QColor(80, 80, 80));
                m_p->setFont(font(8));
                m_p->drawText(QRectF(kMargin, m_y, 230, kRow), Qt::AlignLeft | Qt::AlignVCenter, label);
                m_p->setPen(Qt::black);
                m_p->setFont(font(8, true));
                m_p->drawText(QRectF(kMargin + 230, m_y, kContentWidth - 230, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                              value);
            }
            m_y += kRow;
        }
    }

    /// A table row; each cell wraps within its column and the row is as tall as its
    /// tallest cell. A row goes whole to the next page, under the header again, when it does
    /// not fit; one taller than a page flows on line by line.
    void tableRow(const std::vector<Column> &columns, const QStringList &cells, bool header,
                  const QStringList &titles = {})
    {
        const QFont f = font(header ? 7 : 8, header);
        std::vector<QStringList> wrapped;
        int lines = 1;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const QString text = c < static_cast<std::size_t>(cells.size()) ? cells[static_cast<int>(c)] : QString();
            wrapped.push_back(wrap(text, f, columns[c].width * kContentWidth - 4));
            lines = std::max(lines, static_cast<int>(wrapped.back().size()));
        }
        auto room = [&](double height) {
            if (m_y + height <= kBottom)
                return;
            newPage();
            if (!header && !titles.isEmpty())
                tableRow(columns, titles, true);
        };
        room(std::min(lines * kRow, kBottom - kTop - 2 * kRow));
        for (int i = 0; i < lines; ++i) {
            room(kRow);
            if (m_p) {
                m_p->setFont(f);
                m_p->setPen(header ? QColor(80, 80, 80) : Qt::black);
                double x = kMargin;
                for (std::size_t c = 0; c < columns.size(); ++c) {
                    const double w = columns[c].width * kContentWidth;
                    if (i < wrapped[c].size())
                        m_p->drawText(QRectF(x + 2, m_y, w - 4, kRow), Qt::AlignLeft | Qt::AlignVCenter, wrapped[c][i]);
                    x += w;
                }
            }
            m_y += kRow;
        }
        if (m_p) {
            m_p->setPen(header ? QColor(210, 210, 210) : QColor(235, 235, 235));
            m_p->drawLine(QPointF(kMargin, m_y), QPointF(kPageWidth - kMargin, m_y));
        }
    }

    void title()
    {
        need(60);
        const QFont big = font(16, true);
        for (const QString &l :
             wrap(Text::tr("Incident #%1: %2").arg(m_incident.id).arg(q(m_incident.title)), big, kContentWidth)) {
            if (m_p) {
                m_p->setFont(big);
                m_p->setPen(QColor(20, 40, 80));
                m_p->drawText(QRectF(kMargin, m_y, kContentWidth, 22), Qt::AlignLeft | Qt::AlignVCenter, l);
            }
            m_y += 22;
        }
        m_y += 4;
        paragraph(Text::tr("Cause: %1 | Level: L%2 | State: %3")
                      .arg(q(std::string(toString(m_incident.cause))))
                      .arg(m_incident.level)
                      .arg(q(incidentStateText(m_incident))),
                  9, true, m_incident.signedOff() ? QColor(Qt::black) : QColor(170, 30, 30));
        QString opened = Text::tr("Opened %1 %2 New York").arg(q(m_incident.sessionDate), clock(m_incident.at));
        if (m_incident.wallMs > 0)
            opened += QStringLiteral(" (%1)").arg(wall(m_incident.wallMs));
        opened += Text::tr(" by %1").arg(q(m_incident.openedBy));
        if (m_incident.alert)
            opened += Text::tr(", on alert #%1").arg(*m_incident.alert);
        paragraph(opened + QLatin1Char('.'));
    }

    void field(const QString &name, IncidentField which, bool major = true)
    {
        heading(name, major);
        const IncidentFieldValue &value = m_incident.field(which);
        if (value.text.empty())
            paragraph(Text::tr("(not filled in)"), 8, false, QColor(120, 120, 120));
        else
            paragraph(q(value.text));
        if (value.isSet()) {
            QString by = Text::tr("Last set by %1 at %2 New York").arg(q(value.actor), clock(value.at));
            if (value.wallMs > 0)
                by += QStringLiteral(" (%1)").arg(wall(value.wallMs));
            paragraph(by + QLatin1Char('.'), 7, false, QColor(110, 110, 110));
        }
    }

    void severity()
    {
        heading(Text::tr("Severity"));
        paragraph(m_incident.level >= 3 ? Text::tr("Level 3, critical: trading was stopped or at risk; trading "
                                                   "resumes only once the incident is signed off.")
                                        : Text::tr("Level 2, warning: the operator had to act."),
                  8, true);
        for (const IncidentChangeRecord &c : m_incident.changes)
            if (c.field == IncidentField::Level)
                paragraph(Text::tr("Raised to level %1 at %2 by %3.").arg(q(c.value), clock(c.at), q(c.actor)));
        if (!m_incident.events.empty()) {
            paragraph(Text::tr("Later events attached to it:"));
            for (const IncidentChangeRecord &c : m_incident.events)
                paragraph(QStringLiteral("  %1  %2").arg(clock(c.at), q(c.value)));
        }
    }

    void timeline()
    {
        heading(Text::tr("Timeline (%1 entries)").arg(format::count(m_report.timeline.size())));
        paragraph(Text::tr("From %1 to %2 New York, %3: alerts, trading states, operator actions, orders and fills "
                           "of the window, and the incident's notes.")
                      .arg(clock(m_report.windowStart), clock(m_report.windowEnd),
                           m_incident.signedOff() ? Text::tr("ending at the sign-off")
                                                  : Text::tr("ending at the journal's newest record (still open)")),
                  7, false, QColor(80, 80, 80));
        // Who is wide enough for a strategy's key on one line.
        const std::vector<Column> columns{{Text::tr("Time"), 0.1},
                                          {Text::tr("Kind"), 0.09},
                                          {Text::tr("Who / source"), 0.23},
                                          {Text::tr("What"), 0.58}};
        QStringList titles;
        for (const Column &c : columns)
            titles << c.title;
        tableRow(columns, titles, true);
        for (const TimelineEntry &e : m_report.timeline) {
            QString kind = q(std::string(toString(e.kind)));
            if (e.kind == TimelineKind::Alert)
                kind += QStringLiteral(" L%1").arg(e.level);
            tableRow(columns, {clock(e.at), kind, q(e.actor), q(e.text)}, false, titles);
        }
    }

    void impact()
    {
        heading(Text::tr("Impact"));
        const IncidentImpact &i = m_report.impact;
        using format::Sign;
        QString change;
        if (i.hasEquityBefore && i.hasEquityAfter)
            // As printed: the difference of the two printed equities.
            change = Text::tr("%1 (from %2 to %3)")
                         .arg(format::money(roundToCent(i.equityAfter) - roundToCent(i.equityBefore), Sign::Always),
                              format::money(roundToCent(i.equityBefore)), format::money(roundToCent(i.equityAfter)));
        else
            change = Text::tr("unknown (no equity point before the window)");
        heading(Text::tr("Financial"), false);
        pairs({{Text::tr("Equity change"), change},
               {Text::tr("Fees"), format::money(roundToCent(i.fees))},
               {Text::tr("Fills / orders created"), QStringLiteral("%1 / %2").arg(i.fills).arg(i.orders)}});
        heading(Text::tr("Operational"), false);
        pairs({{Text::tr("Time without trading (halted, killed, maintenance)"), q(formatIncidentDuration(i.stoppedNs))},
               {Text::tr("Time reduce-only (paused)"), q(formatIncidentDuration(i.reduceOnlyNs))}});
    }

    void signOff()
    {
        heading(Text::tr("Sign-off"));
        if (!m_incident.signedOff()) {
            paragraph(Text::tr("Not signed off: the incident is open."), 8, true, QColor(170, 30, 30));
            return;
        }
        QString by =
            Text::tr("Signed off by %1 at %2 New York").arg(q(m_incident.signedOffBy), clock(m_incident.signedOffAt));
        if (m_incident.signedOffWallMs > 0)
            by += QStringLiteral(" (%1)").arg(wall(m_incident.signedOffWallMs));
        paragraph(by + QLatin1Char('.'), 8, true);
        paragraph(m_incident.signOffNote.empty() ? Text::tr("(not filled in)") : q(m_incident.signOffNote));
    }

    QPainter *m_p;
    QPdfWriter *m_writer;
    const IncidentReport &m_report;
    const IncidentRecord &m_incident;
    const IncidentPdfOptions &m_options;
    int m_pages;
    int m_page = 0;
    double m_y = 0;
};

} // namespace

IncidentPdfResult writeIncidentPdf(const IncidentReport &report, const QString &file, const IncidentPdfOptions &options)
{
    IncidentPdfResult result;
    Layout counting(nullptr, nullptr, report, options, 0); // the first pass only counts pages
    counting.run();
    result.error =
        pdf::writePdf(file, Text::tr("Vigil incident #%1: %2").arg(report.incident.id).arg(q(report.incident.title)),
                      QStringLiteral("Vigil %1").arg(options.appVersion), [&](QPainter &painter, QPdfWriter &writer) {
                          Layout drawing(&painter, &writer, report, options, counting.pages());
                          drawing.run();
                          result.pages = drawing.pages();
                      });
    return result;
}

} // namespace vigil
