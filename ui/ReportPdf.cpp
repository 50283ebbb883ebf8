#include "ReportPdf.h"

#include "PdfPage.h"

#include "Format.h"
#include "PlotStyle.h"
#include "QCustomPlotInclude.h"

#include "api/PrintedPnl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QPicture>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <memory>

namespace vigil {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(ReportPdf)
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
constexpr double kFillRow = 9.6; ///< a line of the fills listing
constexpr double kChartHeight = 190.0;
constexpr int kTopPositions = 10;
/// The chart is drawn at this multiple of its size on the page and scaled down, so that its
/// fonts keep their proportions.
constexpr double kChartZoom = 2.0;

QString clock(const SessionWindow &session, SimTime t) { return q(session.clockText(t)); }

QString rate(double pct) { return pct < 0 ? format::none() : QString::number(pct, 'f', 1) + QLatin1Char('%'); }

QString pathName(const std::string &path)
{
    if (path == "feed")
        return Text::tr("Market data (exchange to engine)");
    if (path == "ack")
        return Text::tr("Order acknowledgement");
    return Text::tr("Tick to order (engine)");
}

struct Column {
    QString title;
    double width;       ///< share of the content width
    bool right = false; ///< numbers align right
};

/// Lays out the report top to bottom, breaking pages where a row does not fit. Run twice:
/// once without a painter to count the pages (for "page N of M"), then to draw.
class Layout {
public:
    Layout(QPainter *painter, QPdfWriter *writer, const DailyReport &report, const QPicture &chart,
           const ReportPdfOptions &options, int pages)
        : m_p(painter)
        , m_chart(chart)
        , m_writer(writer)
        , m_report(report)
        , m_options(options)
        , m_pages(pages)
        , m_session(sessionFor(dateOf(report.date)))
    {}

    int pages() const { return m_page; }
    bool cancelled() const { return m_cancelled; }

    void run()
    {
        startPage();
        title();
        pnl();
        chart();
        strategies();
        exposure();
        execution();
        latency();
        incidents();
        timeline();
        actions();
        operations();
        fills();
        finishPage();
    }

private:
    static Date dateOf(const std::string &iso)
    {
        const QDate d = QDate::fromString(q(iso), Qt::ISODate);
        return Date{d.year(), d.month(), d.day()};
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
                      Text::tr("Vigil daily report %1").arg(q(m_report.date)));
        m_p->drawText(QRectF(kMargin, kMargin - 4, kContentWidth, 12), Qt::AlignRight | Qt::AlignVCenter,
                      Text::tr("account %1").arg(q(m_report.account)));
        m_p->drawLine(QPointF(kMargin, kMargin + 9), QPointF(kPageWidth - kMargin, kMargin + 9));
    }

    void finishPage()
    {
        if (m_p) {
            m_p->setFont(font(7));
            m_p->setPen(QColor(110, 110, 110));
            const QString anchor =
                m_report.lastAuditId > 0
                    ? Text::tr("audit #%1 %2").arg(m_report.lastAuditId).arg(q(m_report.lastAuditHash).left(16))
                    : QString();
            m_p->drawText(QRectF(kMargin, kPageHeight - kMargin, kContentWidth, 12), Qt::AlignLeft | Qt::AlignVCenter,
                          anchor);
            m_p->drawText(QRectF(kMargin, kPageHeight - kMargin, kContentWidth, 12), Qt::AlignRight | Qt::AlignVCenter,
                          Text::tr("page %1 of %2").arg(m_page).arg(m_pages));
        }
        if (m_options.pageDone && m_p)
            m_options.pageDone(m_page, m_pages);
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

    void heading(const QString &text)
    {
        need(18 + 3 * kRow); // never a heading alone at the foot of a page
        m_y += 8;
        if (m_p) {
            m_p->setFont(font(11, true));
            m_p->setPen(QColor(20, 40, 80));
            m_p->drawText(QRectF(kMargin, m_y, kContentWidth, 14), Qt::AlignLeft | Qt::AlignVCenter, text);
            m_p->setPen(QColor(190, 190, 190));
            m_p->drawLine(QPointF(kMargin, m_y + 15), QPointF(kPageWidth - kMargin, m_y + 15));
        }
        m_y += 19;
    }

    void line(const QString &text, int size = 8, bool bold = false)
    {
        need(kRow);
        if (m_p) {
            m_p->setFont(font(size, bold));
            m_p->setPen(Qt::black);
            const QFontMetricsF metrics(m_p->font());
            m_p->drawText(QRectF(kMargin, m_y, kContentWidth, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(text, Qt::ElideRight, kContentWidth));
        }
        m_y += kRow;
    }

    /// Label and value pairs, two pairs to a row.
    void pairs(const std::vector<std::pair<QString, QString>> &items)
    {
        for (std::size_t i = 0; i < items.size(); i += 2) {
            need(kRow);
            for (std::size_t j = i; j < std::min(items.size(), i + 2); ++j) {
                const double x = kMargin + static_cast<double>(j - i) * kContentWidth / 2;
                if (!m_p)
                    continue;
                m_p->setPen(QColor(80, 80, 80));
                m_p->setFont(font(8));
                m_p->drawText(QRectF(x, m_y, 120, kRow), Qt::AlignLeft | Qt::AlignVCenter, items[j].first);
                m_p->setPen(Qt::black);
                m_p->setFont(font(8, true));
                m_p->drawText(QRectF(x + 120, m_y, kContentWidth / 2 - 130, kRow), Qt::AlignRight | Qt::AlignVCenter,
                              items[j].second);
            }
            m_y += kRow;
        }
    }

    void tableRow(const std::vector<Column> &columns, const QStringList &cells, bool header)
    {
        need(kRow);
        if (m_p) {
            m_p->setFont(font(header ? 7 : 8, header));
            m_p->setPen(header ? QColor(80, 80, 80) : Qt::black);
            const QFontMetricsF metrics(m_p->font());
            double x = kMargin;
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const double w = columns[c].width * kContentWidth;
                const QString cell =
                    c < static_cast<std::size_t>(cells.size()) ? cells[static_cast<int>(c)] : QString();
                m_p->drawText(QRectF(x + 2, m_y, w - 4, kRow),
                              (columns[c].right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                              metrics.elidedText(cell, Qt::ElideRight, w - 4));
                x += w;
            }
            if (header) {
                m_p->setPen(QColor(210, 210, 210));
                m_p->drawLine(QPointF(kMargin, m_y + kRow), QPointF(kPageWidth - kMargin, m_y + kRow));
            }
        }
        m_y += kRow;
    }

    void table(const std::vector<Column> &columns, const std::vector<QStringList> &rows, const QString &empty)
    {
        QStringList titles;
        for (const Column &c : columns)
            titles << c.title;
        tableRow(columns, titles, true);
        if (rows.empty())
            line(empty);
        for (const QStringList &row : rows) {
            const double before = m_y;
            need(kRow);
            if (m_y < before) // a new page: the header again
                tableRow(columns, titles, true);
            tableRow(columns, row, false);
        }
    }

    void title()
    {
        need(60);
        if (m_p) {
            m_p->setFont(font(18, true));
            m_p->setPen(QColor(20, 40, 80));
            m_p->drawText(QRectF(kMargin, m_y, kContentWidth, 24), Qt::AlignLeft | Qt::AlignVCenter,
                          Text::tr("Daily report %1").arg(q(m_report.date)));
        }
        m_y += 28;
        line(Text::tr("Account: %1    Vigil %2    Generated %3 UTC")
                 .arg(q(m_report.account), m_options.appVersion,
                      m_options.generatedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        QString books;
        if (m_report.asOf == 0)
            books = Text::tr("The journal holds no checkpoint of this session: no books to report.");
        else if (m_report.closed && m_report.asOfKind == "close")
            books =
                Text::tr("Session closed. Books as of the close (%1 New York).").arg(clock(m_session, m_report.asOf));
        else
            books = Text::tr("Session NOT closed. Books as of the last checkpoint (%1, %2 New York).")
                        .arg(q(m_report.asOfKind), clock(m_session, m_report.asOf));
        if (m_report.restarts > 0)
            books += Text::tr(" The engine restarted %n time(s) during the day.", nullptr,
                              static_cast<int>(m_report.restarts));
        line(books);
    }

    void pnl()
    {
        heading(Text::tr("Profit and loss"));
        using format::Sign;
        // As printed: each part rounded to the cent, each total the sum of the printed parts.
        const PrintedPnl p = printedPnl(m_report.startingEquity, m_report.equity, m_report.realized,
                                        m_report.unrealized, m_report.highWaterMark);
        std::vector<std::pair<QString, QString>> items{
            {Text::tr("Realized P&L"), format::money(p.realized, Sign::Always)},
            {Text::tr("Unrealized P&L"), format::money(p.unrealized, Sign::Always)},
            {Text::tr("Total P&L"), format::money(p.total, Sign::Always)},
            {Text::tr("Total, % of starting equity"),
             format::percent(format::ratio(p.total, p.startingEquity), Sign::Always)},
            {Text::tr("Starting equity"), format::money(p.startingEquity)},
            {Text::tr("Equity"), format::money(p.equity)},
            {Text::tr("High-water mark"), format::money(p.highWaterMark)},
            {Text::tr("Max drawdown"), format::money(roundToCent(m_report.maxDrawdown))},
            {Text::tr("Fees"), format::money(roundToCent(m_report.fees))},
            {Text::tr("Fills"), format::count(m_report.fills.size())}};
        if (!p.unrealizedAtOpen.isZero())
            items.insert(items.begin() + 5,
                         {Text::tr("Unrealized at the open"), format::money(p.unrealizedAtOpen, Sign::Always)});
        pairs(items);
        line(p.unrealizedAtOpen.isZero()
                 ? Text::tr("Total = realized + unrealized; equity = starting equity + total.")
                 : Text::tr(
                     "Total = realized + unrealized (against cost); equity = starting equity + total - unrealized at "
                     "the open."),
             7);
        line(Text::tr(
                 "Each figure is rounded to the cent (half away from zero) once; a total adds the figures as printed."),
             7);
    }

    void chart()
    {
        heading(Text::tr("Equity curve"));
        need(kChartHeight);
        if (m_p && !m_chart.isNull()) {
            m_p->save();
            m_p->translate(kMargin, m_y);
            // A picture plays back scaled from its own resolution to the device's: undone here,
            // so that the page's own scale (points) is the only one.
            const double playback =
                static_cast<double>(m_p->device()->logicalDpiX()) / static_cast<double>(m_chart.logicalDpiX());
            m_p->scale(1 / (kChartZoom * playback), 1 / (kChartZoom * playback));
            m_p->drawPicture(0, 0, m_chart);
            m_p->restore();
        } else if (m_p) {
            m_p->setFont(font(8));
            m_p->drawText(QRectF(kMargin, m_y, kContentWidth, kRow), Qt::AlignLeft,
                          Text::tr("No equity points were journaled for this day."));
        }
        m_y += kChartHeight;
        // A journal of an older version holds the equity once a minute only: a high set between
        // two of its points is not on the curve. Said, rather than left for the reader to find.
        if (!m_report.equityCurve.empty() && m_report.curveHigh < m_report.highWaterMark) {
            line(Text::tr("The high-water mark (%1) was set between two points of the curve, whose highest is %2:")
                     .arg(format::money(roundToCent(m_report.highWaterMark)),
                          format::money(roundToCent(m_report.curveHigh))),
                 7);
            line(Text::tr("this journal holds the equity once a minute, not the point where the mark was set."), 7);
        }
    }

    void strategies()
    {
        heading(Text::tr("Strategies"));
        std::vector<QStringList> rows;
        for (const ReportStrategy &s : m_report.strategies) {
            const QString sharpe =
                s.sharpe ? Text::tr("%1 (%2 d)").arg(QString::number(*s.sharpe, 'f', 2)).arg(s.sharpeSessions)
                         : Text::tr("n/a (%1 d)").arg(s.sharpeSessions);
            const Money realized = roundToCent(s.realized), unrealized = roundToCent(s.unrealized);
            rows.push_back({q(s.key), format::money(realized + unrealized, format::Sign::Always),
                            format::money(realized, format::Sign::Always),
                            format::money(unrealized, format::Sign::Always), format::count(s.fills),
                            format::count(s.closingTrades), rate(s.winRatePct()), sharpe});
        }
        table({{Text::tr("Strategy"), 0.24},
               {Text::tr("P&L"), 0.12, true},
               {Text::tr("Realized"), 0.12, true},
               {Text::tr("Unrealized"), 0.12, true},
               {Text::tr("Fills"), 0.08, true},
               {Text::tr("Closes"), 0.08, true},
               {Text::tr("Win rate"), 0.09, true},
               {Text::tr("Sharpe"), 0.15, true}},
              rows, Text::tr("No strategy traded or held anything."));
        line(Text::tr(
                 "Closes: fills that reduced a position; win rate: those that realized more than nothing after fees."),
             7);
        line(Text::tr(
                 "Sharpe: daily P&L as a share of starting equity over the last 20 sessions (d: how many), annualised "
                 "(252 days); n/a below 2."),
             7);
    }

    void exposure()
    {
        heading(Text::tr("Exposure"));
        // The exposures are the sums of the positions' values as printed.
        Money gross, net;
        for (const ReportPosition &p : m_report.positions) {
            const Money value = roundToCent(p.value());
            gross += Money::fromRaw(std::llabs(value.raw()));
            net += value;
        }
        const Money equity = printedPnl(m_report.startingEquity, m_report.equity, m_report.realized,
                                        m_report.unrealized, m_report.highWaterMark)
                                 .equity;
        const auto pctOfEquity = [equity](Money m) {
            return format::percent(format::ratio(Money::fromRaw(std::llabs(m.raw())), equity));
        };
        pairs({{Text::tr("Gross exposure"), format::money(gross)},
               {Text::tr("Gross, % of equity"), pctOfEquity(gross)},
               {Text::tr("Net exposure"), format::money(net)},
               {Text::tr("Net, % of equity"), pctOfEquity(net)},
               {Text::tr("Open positions"), format::count(m_report.positions.size())}});
        std::vector<QStringList> rows;
        for (std::size_t i = 0; i < m_report.positions.size() && i < kTopPositions; ++i) {
            const ReportPosition &p = m_report.positions[i];
            rows.push_back(
                {q(p.symbol), QString::number(p.qty), q(p.mark.toString()), format::money(roundToCent(p.value()))});
        }
        if (!m_report.positions.empty())
            table({{Text::tr("Largest positions"), 0.4},
                   {Text::tr("Quantity"), 0.2, true},
                   {Text::tr("Mark"), 0.2, true},
                   {Text::tr("Value"), 0.2, true}},
                  rows, QString());
    }

    void execution()
    {
        heading(Text::tr("Execution"));
        const DailyReport &r = m_report;
        pairs(
            {{Text::tr("Orders"), format::count(r.orders)},
             {Text::tr("Refused by pre-trade checks"), format::count(r.refusedPreTrade)},
             {Text::tr("Sent and finished"), format::count(r.finished)},
             {Text::tr("Filled (at least partly)"), format::count(r.filledOrders)},
             {Text::tr("Fill rate"), rate(r.fillRatePct())},
             {Text::tr("Rejection rate (broker)"), rate(r.rejectRatePct())},
             {Text::tr("Slippage, average"), r.slippageFills ? format::basisPoints(r.slippageAvgBps) : format::none()},
             {Text::tr("Slippage, p95"), r.slippageFills ? format::basisPoints(r.slippageP95Bps) : format::none()}});
        line(Text::tr("Slippage against the quote's mid when each order was sent, over %1 fill(s); positive is paid.")
                 .arg(format::count(r.slippageFills)),
             7);
    }

    void latency()
    {
        heading(Text::tr("Latency"));
        std::vector<QStringList> rows;
        for (const ReportLatency &l : m_report.latency)
            rows.push_back({pathName(l.path), format::count(l.samples), q(formatLatency(l.p50Ns)),
                            q(formatLatency(l.p95Ns)), q(formatLatency(l.p99Ns)), q(formatLatency(l.maxNs))});
        table({{Text::tr("Path"), 0.35},
               {Text::tr("Samples"), 0.15, true},
               {Text::tr("p50"), 0.125, true},
               {Text::tr("p95"), 0.125, true},
               {Text::tr("p99"), 0.125, true},
               {Text::tr("max"), 0.125, true}},
              rows, Text::tr("No latency figures were journaled for this day."));
    }

    void timeline()
    {
        int kills = 0;
        for (const ReportEvent &e : m_report.timeline)
            kills += e.kind == "kill" ? 1 : 0;
        heading(Text::tr("Incidents and kill-switch events (%1, %2 kill(s))")
                    .arg(format::count(m_report.timeline.size()))
                    .arg(kills));
        std::vector<QStringList> rows;
        for (const ReportEvent &e : m_report.timeline)
            rows.push_back({clock(m_session, e.at), q(e.kind).toUpper(), q(e.actor), q(e.text)});
        table({{Text::tr("Time"), 0.1},
               {Text::tr("Kind"), 0.1},
               {Text::tr("Who / source"), 0.17},
               {Text::tr("What"), 0.63}},
              rows, Text::tr("No alerts, state changes or restarts."));
    }

    /// The day's incidents as they stand now; the RCA record of each is `vigil incident show`.
    void incidents()
    {
        int open = 0;
        for (const IncidentRecord &i : m_report.incidents)
            open += i.signedOff() ? 0 : 1;
        heading(Text::tr("Incidents (%1, %2 open)").arg(format::count(m_report.incidents.size())).arg(open));
        std::vector<QStringList> rows;
        for (const IncidentRecord &i : m_report.incidents)
            rows.push_back({QStringLiteral("#%1").arg(i.id), clock(m_session, i.at), q(std::string(toString(i.cause))),
                            QStringLiteral("L%1").arg(i.level), q(i.title), q(incidentStateText(i))});
        table({{Text::tr("Incident"), 0.1},
               {Text::tr("Opened"), 0.1},
               {Text::tr("Cause"), 0.12},
               {Text::tr("Level"), 0.07},
               {Text::tr("Title"), 0.38},
               {Text::tr("State"), 0.23}},
              rows, Text::tr("No incidents."));
    }

    void actions()
    {
        heading(Text::tr("Operator actions (audit trail)"));
        std::vector<QStringList> rows;
        for (const ReportAction &a : m_report.actions)
            rows.push_back({clock(m_session, a.at), q(a.actor), q(a.action), q(a.detail)});
        table({{Text::tr("Time"), 0.1}, {Text::tr("Who"), 0.2}, {Text::tr("Action"), 0.15}, {Text::tr("Detail"), 0.55}},
              rows, Text::tr("No operator acted on this day."));
    }

    void operations()
    {
        const DailyReport &r = m_report;
        heading(Text::tr("Reconciliation"));
        if (!r.reconciled) {
            line(Text::tr("No reconciliation was run on this day."), 8, true);
        } else {
            line(Text::tr("%1 run(s); the last at %2 (%3): %4")
                     .arg(r.reconciliationRuns)
                     .arg(clock(m_session, r.reconciliationAt), q(r.reconciliationStartedBy),
                          !r.reconciliationComplete ? Text::tr("INCOMPLETE")
                          : r.reconciliationDifferences == 0
                              ? Text::tr("books agree")
                              : Text::tr("%n difference(s)", nullptr, r.reconciliationDifferences)),
                 8, true);
            line(q(r.reconciliationSummary));
            line(Text::tr("Resolutions recorded: %1").arg(r.resolutions));
        }
        heading(Text::tr("Backups"));
        if (r.verifiedBackups == 0)
            line(Text::tr("NO verified backup.%1")
                     .arg(r.badBackups ? Text::tr(" %1 bad.").arg(r.badBackups) : QString()),
                 8, true);
        else
            line(Text::tr("Newest verified backup: %1 (%2, made %3 UTC). %4 verified, %5 bad.")
                     .arg(q(r.newestVerifiedBackup), q(r.newestVerifiedType),
                          QDateTime::fromMSecsSinceEpoch(r.newestVerifiedAtMs, Qt::UTC)
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                     .arg(r.verifiedBackups)
                     .arg(r.badBackups));
        heading(Text::tr("Checklists"));
        std::vector<QStringList> rows;
        for (const ReportChecklist &c : r.checklists)
            rows.push_back({clock(m_session, c.at), q(c.checklist), q(c.startedBy), q(c.summary),
                            QString::number(c.passed), QString::number(c.warned), QString::number(c.failed)});
        table({{Text::tr("Time"), 0.1},
               {Text::tr("Checklist"), 0.1},
               {Text::tr("Started by"), 0.14},
               {Text::tr("Summary"), 0.48},
               {Text::tr("Pass"), 0.06, true},
               {Text::tr("Warn"), 0.06, true},
               {Text::tr("Fail"), 0.06, true}},
              rows, Text::tr("No checklist was run on this day."));
        heading(Text::tr("Audit anchor"));
        if (r.lastAuditId == 0) {
            line(Text::tr("The audit trail has no record on this day."));
        } else {
            line(Text::tr("Last audit record of the day: #%1").arg(r.lastAuditId));
            line(Text::tr("SHA-256: %1").arg(q(r.lastAuditHash)), 8, true);
            line(Text::tr("Keep this report: 'vigil audit verify' proves the chain up to this hash was not changed."),
                 7);
        }
    }

    void fills()
    {
        heading(Text::tr("Fills (%1)").arg(format::count(m_report.fills.size())));
        const QFont mono = font(7, false, true);
        const QString header = QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                                   .arg(Text::tr("time"), -8)
                                   .arg(Text::tr("order"), -26)
                                   .arg(Text::tr("strategy"), -24)
                                   .arg(Text::tr("symbol"), -6)
                                   .arg(Text::tr("side"), -4)
                                   .arg(Text::tr("qty"), 8)
                                   .arg(Text::tr("price"), 11)
                                   .arg(Text::tr("fee"), 10);
        QFont boldMono = mono;
        boldMono.setBold(true);
        int style = -1; // the font and pen set: 0 plain, 1 bold (set only when they change)
        auto drawLine = [this, &mono, &boldMono, &style](const QString &text, bool bold) {
            if (!m_p)
                return;
            if (style != int(bold)) {
                m_p->setFont(bold ? boldMono : mono);
                m_p->setPen(bold ? QColor(80, 80, 80) : Qt::black);
                style = int(bold);
            }
            m_p->drawText(QPointF(kMargin, m_y + kFillRow - 2.2), text);
        };
        // One line per fill, fixed-width columns, built in one buffer.
        QString row;
        auto field = [&row](const QString &text, int width, bool right) {
            const QString cut = text.left(width);
            if (right)
                row += QString(width - cut.size(), QLatin1Char(' '));
            row += cut;
            if (!right)
                row += QString(width - cut.size(), QLatin1Char(' '));
            row += QLatin1Char(' ');
        };
        if (m_report.fills.empty()) {
            line(Text::tr("No fills on this day."));
            return;
        }
        need(2 * kFillRow);
        style = -1; // need() may have begun a page, whose running header set its own font
        drawLine(header, true);
        m_y += kFillRow;
        for (const ReportFill &f : m_report.fills) {
            if (m_y + kFillRow > kBottom) {
                newPage();
                style = -1;
                drawLine(header, true);
                m_y += kFillRow;
            }
            if (m_p) {
                row.clear();
                field(clock(m_session, f.at), 8, false);
                field(q(f.clientOrderId), 26, false);
                field(q(f.strategy), 24, false);
                field(q(f.symbol), 6, false);
                field(f.side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell"), 4, false);
                field(QString::number(f.qty), 8, true);
                field(q(f.price.toString()), 11, true);
                field(q(f.fee.toString()), 10, true); // as charged, sub-cent included: the column adds up to the fees
                drawLine(row, false);
            }
            m_y += kFillRow;
        }
    }

    QPainter *m_p;
    const QPicture &m_chart;
    QPdfWriter *m_writer;
    const DailyReport &m_report;
    const ReportPdfOptions &m_options;
    int m_pages;
    SessionWindow m_session;
    int m_page = 0;
    double m_y = 0;
    bool m_cancelled = false;
};

} // namespace

void drawEquityChart(QCustomPlot &plot, const DailyReport &report)
{
    const std::optional<SessionWindow> session = plot::sessionOf(report.date);
    QVector<double> keys, values;
    keys.reserve(static_cast<int>(report.equityCurve.size()));
    values.reserve(keys.capacity());
    for (const auto &[at, equity] : report.equityCurve) {
        keys << plot::secondsOfDay(session, at);
        values << equity.toDouble(); // chart coordinates only; figures stay fixed-point
    }
    if (keys.isEmpty())
        return;
    QCPGraph *graph = plot.addGraph();
    graph->setData(keys, values, true);
    graph->setPen(QPen(QColor(30, 90, 170), 2.0));
    graph->setName(Text::tr("equity"));
    QCPGraph *start = plot.addGraph();
    start->setData({keys.front(), keys.back()}, {report.startingEquity.toDouble(), report.startingEquity.toDouble()},
                   true);
    start->setPen(QPen(QColor(150, 150, 150), 1.0, Qt::DashLine));
    start->setName(Text::tr("starting equity"));
    // The mark the P&L section prints; the curve holds the point where it was set, so its
    // highest point touches this line.
    QCPGraph *high = plot.addGraph();
    high->setData({keys.front(), keys.back()}, {report.highWaterMark.toDouble(), report.highWaterMark.toDouble()},
                  true);
    high->setPen(QPen(QColor(200, 120, 20), 1.0, Qt::DotLine));
    high->setName(Text::tr("high-water mark %1").arg(format::money(roundToCent(report.highWaterMark))));
    plot::useTimeOfDayAxis(plot.xAxis);
    plot::useDollarAxis(plot.yAxis);
    for (QCPAxis *axis : {plot.xAxis, plot.yAxis})
        axis->setTickLabelFont(font(14));
    plot.rescaleAxes(true);
    plot.xAxis->setRange(plot::sessionRange(session, keys));
    const QCPRange y = plot.yAxis->range();
    const double pad = std::max(1.0, (y.upper - y.lower) * 0.08);
    plot.yAxis->setRange(y.lower - pad, y.upper + pad);
    // The legend in a row under the axes, outside the plot area: it covers no part of the day.
    plot::legendBelow(&plot);
    plot.legend->setFont(font(14));
    plot.legend->setTextColor(QColor(60, 60, 60));
    plot.legend->setColumnSpacing(24);
}

QSize equityChartSize()
{
    return {static_cast<int>(kContentWidth * kChartZoom), static_cast<int>(kChartHeight * kChartZoom)};
}

QPicture equityChartPicture(const DailyReport &report)
{
    QPicture picture;
    if (report.equityCurve.empty())
        return picture;
    QCustomPlot plot;
    drawEquityChart(plot, report);
    const int w = equityChartSize().width(), h = equityChartSize().height();
    plot.resize(w, h);
    plot.replot(QCustomPlot::rpImmediateRefresh);
    QCPPainter painter(&picture);
    plot.toPainter(&painter, w, h);
    painter.end();
    return picture;
}

ReportPdfResult writeReportPdf(const DailyReport &report, const QPicture &chart, const QString &file,
                               const ReportPdfOptions &options)
{
    ReportPdfResult result;
    // The first pass only counts pages.
    Layout counting(nullptr, nullptr, report, chart, options, 0);
    counting.run();
    result.error =
        pdf::writePdf(file, Text::tr("Vigil daily report %1").arg(q(report.date)),
                      QStringLiteral("Vigil %1").arg(options.appVersion), [&](QPainter &painter, QPdfWriter &writer) {
                          Layout drawing(&painter, &writer, report, chart, options, counting.pages());
                          drawing.run();
                          result.pages = drawing.pages();
                      });
    return result;
}

ReportPdfResult writeReportPdf(const DailyReport &report, const QString &file, const ReportPdfOptions &options)
{
    return writeReportPdf(report, equityChartPicture(report), file, options);
}

} // namespace vigil
