#pragma once
// The latency dashboard, one path at a time (feed, broker acknowledgement, tick-to-order,
// picked with the buttons over the chart): its p50, p95 and p99 per simulated minute over
// the session (log scale) and today's distribution as a histogram. The alert threshold
// (a minute's feed or acknowledgement p95 over risk.latency_alert_p95_ms, 500 ms by
// default) is drawn on those paths, and the plot turns red while the latest minute of
// either is over it, whichever path is shown. Redrawn only when a minute has been added,
// the histogram changed or another path was picked. GUI thread only.

#include "api/Snapshot.h"

#include <QFrame>

#include <QVector>

#include <string>
#include <vector>

class QAbstractButton;
class QButtonGroup;
class QCustomPlot;
class QCPBars;
class QCPGraph;
class QLabel;

namespace vigil {

class LatencyChart final : public QFrame {
    Q_OBJECT

public:
    enum class Path : int { Feed, Acknowledgement, TickToOrder };

    explicit LatencyChart(QWidget *parent = nullptr);

    void applySnapshot(const Snapshot &snapshot);

    /// The path drawn (Feed at first); the buttons call it too.
    void showPath(Path path);
    Path shownPath() const { return m_path; }
    /// The button that picks `path`.
    QAbstractButton *pathButton(Path path) const;

    /// Minutes drawn for the shown path (minutes without a measurement are left out).
    int pointCount() const { return m_drawnPoints; }
    /// The newest p95 drawn, in milliseconds (0 when none).
    double lastP95Ms() const { return m_lastP95Ms; }
    /// The threshold line as drawn, in milliseconds (0: none on this path).
    double thresholdMs() const { return m_thresholdMs; }
    /// The histogram's shares as drawn (percent of today's measurements, one per bin).
    const QVector<double> &histogramShares() const { return m_shares; }
    /// The latest minute's feed or acknowledgement p95 is over the alert threshold (as
    /// drawn; the static form for a snapshot, drawn or not).
    bool overThreshold() const { return m_over; }
    static bool overThreshold(const Snapshot &snapshot);
    QString summaryText() const;

private:
    void draw();

    Path m_path = Path::Feed;
    QButtonGroup *m_paths = nullptr;
    QCustomPlot *m_curve = nullptr;
    QCustomPlot *m_histogram = nullptr;
    QCPGraph *m_p50 = nullptr;
    QCPGraph *m_p95 = nullptr;
    QCPGraph *m_p99 = nullptr;
    QCPGraph *m_threshold = nullptr;
    QCPBars *m_bars = nullptr;
    QLabel *m_summary = nullptr;
    // What was drawn, to draw another path without waiting for the next snapshot.
    std::string m_sessionDate;
    std::vector<LatencyPoint> m_latencyCurve;
    LatencyBins m_bins[3];
    std::int64_t m_alertP95Ns = 0;
    std::size_t m_points = 0;
    std::uint64_t m_binnedCount = 0;
    int m_drawnPoints = 0;
    double m_lastP95Ms = 0;
    double m_thresholdMs = 0;
    QVector<double> m_shares;
    bool m_over = false;
    bool m_drawn = false;
};

} // namespace vigil
