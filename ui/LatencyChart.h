#pragma once
// The latency dashboard: feed latency p50/p95/p99 and order-acknowledgement p95 per
// simulated minute over the session (log scale), with the alert threshold (p95 over
// 500 ms) drawn and the summary turned red while the latest minute is over it; and today's
// distributions of both as a histogram. Redrawn only when a minute has been added or the
// histogram changed. GUI thread only.

#include "runtime/Snapshot.h"

#include <QFrame>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QLabel;

namespace vigil {

class LatencyChart final : public QFrame {
    Q_OBJECT

public:
    static constexpr std::int64_t kAlertP95Ns = 500 * kNsPerMs;

    explicit LatencyChart(QWidget *parent = nullptr);

    void applySnapshot(const Snapshot &snapshot);

    int pointCount() const { return static_cast<int>(m_points); }
    /// The latest minute's feed or acknowledgement p95 is over the alert threshold (as
    /// drawn; the static form for a snapshot, drawn or not).
    bool overThreshold() const { return m_over; }
    static bool overThreshold(const Snapshot &snapshot);
    QString summaryText() const;

private:
    QCustomPlot *m_curve = nullptr;
    QCustomPlot *m_histogram = nullptr;
    QCPGraph *m_feedP50 = nullptr;
    QCPGraph *m_feedP95 = nullptr;
    QCPGraph *m_feedP99 = nullptr;
    QCPGraph *m_ackP95 = nullptr;
    QCPGraph *m_threshold = nullptr;
    QCPBars *m_feedBars = nullptr;
    QCPBars *m_ackBars = nullptr;
    QLabel *m_summary = nullptr;
    std::size_t m_points = 0;
    std::uint64_t m_binnedCount = 0;
    bool m_over = false;
};

} // namespace vigil
