#pragma once
// The numbers of one day's report, read from the journal alone (and the backups directory),
// so that any past day can be reported after the fact. Rendering lives in ui/ReportPdf.
// Read-only; any thread. Money stays fixed-point; doubles only for rates and statistics.

#include "api/Fixed.h"
#include "api/IncidentFile.h"
#include "api/Time.h"
#include "api/Types.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

struct ReportStrategy {
    std::string key;  ///< "intraday_mean_reversion", ...
    Money realized;   ///< today's, net of fees
    Money unrealized; ///< open positions against their cost
    Money pnl() const { return realized + unrealized; }
    std::uint64_t fills = 0;
    std::uint64_t closingTrades = 0; ///< fills that reduced a position (and so realized P&L)
    std::uint64_t winningTrades = 0; ///< ... of which realized more than nothing, net of fees
    /// Winning share of the closing trades, %; negative when nothing was closed.
    double winRatePct() const;
    /// Annualised Sharpe ratio of the strategy's daily P&L (as a share of the day's starting
    /// equity) over the last sharpeSessions sessions up to this day; empty with fewer than
    /// two sessions or no variation.
    std::optional<double> sharpe;
    int sharpeSessions = 0;
};

struct ReportPosition {
    std::string symbol;
    Quantity qty = 0;
    Price mark;
    Money value() const { return notional(mark, qty); }
};

struct ReportLatency {
    std::string path; ///< feed, ack, tick_to_order
    std::uint64_t samples = 0;
    std::int64_t p50Ns = 0, p95Ns = 0, p99Ns = 0, maxNs = 0;
};

/// A line of the day's incident timeline: an alert, a trading state change or a restart.
struct ReportEvent {
    SimTime at = 0;
    std::string kind; ///< "critical", "warning", "state", "kill", "restart"
    std::string actor;
    std::string text;
};

/// An operator's action from the audit trail.
struct ReportAction {
    SimTime at = 0;
    std::int64_t wallMs = 0; ///< UTC, ms since the epoch
    std::string actor;
    std::string action;
    std::string detail;
};

struct ReportFill {
    SimTime at = 0;
    std::string clientOrderId;
    std::string strategy;
    std::string symbol;
    Side side = Side::Buy;
    Quantity qty = 0;
    Price price;
    Money fee;
};

struct ReportChecklist {
    SimTime at = 0;
    std::string checklist; ///< premarket, eod
    std::string startedBy;
    int passed = 0, warned = 0, failed = 0;
    std::string summary;
};

struct DailyReport {
    std::string date;     ///< YYYY-MM-DD
    std::string account;  ///< which broker account the books are of
    bool closed = false;  ///< the session reached its close
    SimTime asOf = 0;     ///< the checkpoint the books are taken from
    std::string asOfKind; ///< open, periodic or close
    std::int64_t restarts = 0;

    // P&L (the console's own definitions).
    Money startingEquity;
    Money equity;
    Money realized;
    Money unrealized;
    Money fees;
    Money total() const { return realized + unrealized; }
    double totalPct() const; ///< of the starting equity
    /// The day's highest equity: the last checkpoint's mark, or the curve's highest point when
    /// the curve (journaled after that checkpoint) went higher.
    Money highWaterMark;
    Money maxDrawdown;
    /// Each point the journal holds: one a minute, and the one where each minute's new
    /// high-water mark was set (journals of older versions lack those: see curveHigh).
    std::vector<std::pair<SimTime, Money>> equityCurve;
    /// The curve's highest point (zero without a curve). Below the high-water mark only when
    /// the mark was set between two points the journal holds; the report then says by how much.
    Money curveHigh;

    std::vector<ReportStrategy> strategies;

    // Exposure at asOf.
    Money grossExposure;
    Money netExposure;
    std::vector<ReportPosition> positions; ///< open positions, largest value first

    // Execution.
    std::uint64_t orders = 0;          ///< every order of the day, refused ones included
    std::uint64_t refusedPreTrade = 0; ///< stopped by a pre-trade check, never sent
    std::uint64_t finished = 0;        ///< sent and in a final state
    std::uint64_t filledOrders = 0;    ///< ... with at least one fill
    std::uint64_t rejectedOrders = 0;  ///< ... rejected by the broker
    double fillRatePct() const;        ///< negative when none finished
    double rejectRatePct() const;      ///< negative when none finished
    std::uint64_t slippageFills = 0;   ///< fills with a known arrival mid
    double slippageAvgBps = 0;
    double slippageP95Bps = 0;

    std::vector<ReportLatency> latency; ///< empty for days journaled before schema 6

    std::vector<ReportEvent> timeline; ///< oldest first
    /// The incidents of the session date, oldest first, as they stand now (empty for
    /// journals before schema 8).
    std::vector<IncidentRecord> incidents;
    std::vector<ReportAction> actions; ///< oldest first

    // Reconciliation.
    int reconciliationRuns = 0;
    bool reconciled = false;      ///< at least one run
    SimTime reconciliationAt = 0; ///< the last run
    std::string reconciliationStartedBy;
    bool reconciliationComplete = false;
    int reconciliationDifferences = 0;
    std::string reconciliationSummary;
    int resolutions = 0;

    // Backups (from the backups directory, as of when the report was made).
    int verifiedBackups = 0;
    int badBackups = 0;
    std::string newestVerifiedBackup; ///< file name; empty when none
    std::string newestVerifiedType;
    std::int64_t newestVerifiedAtMs = 0; ///< UTC, ms since the epoch

    std::vector<ReportChecklist> checklists;

    std::int64_t lastAuditId = 0; ///< the day's last audit record; 0 when none
    std::string lastAuditHash;    ///< its hash, hex

    std::vector<ReportFill> fills; ///< every fill of the day, in booking order
};

struct ReportSource {
    QString journal;               ///< the journal's file
    QString backupsDir;            ///< empty: no backup section
    std::string account = "paper"; ///< as the report names the account
};

/// Reads the day `date` (YYYY-MM-DD) into `out`; an empty string, or what is wrong (no such
/// journal, no such session, a journal that cannot be read). Nothing is ever guessed: a day
/// the journal does not hold is an error, not an empty report.
QString loadDailyReport(const ReportSource &source, const std::string &date, DailyReport &out);

/// Where the end-of-day tasks put the day's report: DATA_DIR/reports/vigil-report-DATE.pdf.
QString dailyReportPath(const QString &dataDir, const QString &date);

/// The latest session the journal holds, into `date`; an empty string, or why there is none.
QString latestSessionDate(const QString &journal, std::string &date);

/// Nanoseconds as the report shows them: "850 µs", "12.4 ms", "1.20 s".
std::string formatLatency(std::int64_t ns);

} // namespace vigil
