#pragma once
// The session's equity curve (one point a simulated minute) against New York time of
// day, with the starting equity as a dashed baseline and the area between them tinted
// by the sign of the day's result; the high-water mark dotted, and the daily loss limit
// (the equity at which the drawdown kill fires) as a red line, brought into view once a
// quarter of the limit is used (before that it would flatten the curve; the summary
// names it). Redrawn only when the curve has new points. GUI thread only.

#include "api/Snapshot.h"

#include <QFrame>

#include <cstddef>

class QCustomPlot;
class QCPGraph;
class QLabel;

namespace vigil {

class EquityChart final : public QFrame {
    Q_OBJECT

public:
    explicit EquityChart(QWidget *parent = nullptr);
    /// Off when a dock title already names the panel.
    void setTitleVisible(bool visible);

    void applySnapshot(const Snapshot &snapshot);

    /// Points currently plotted.
    int pointCount() const { return static_cast<int>(m_pointCount); }
    /// How many times new data was plotted (not counting resize repaints).
    int replotCount() const { return m_replotCount; }
    /// The equity at which the drawdown kill fires, as plotted (0 before the first plot).
    double lossLimitLevel() const { return m_lossLimitLevel; }
    /// Whether the loss-limit line is within the plotted range.
    bool lossLimitInView() const;

private:
    QLabel *m_title = nullptr;
    void plot(const Snapshot &snapshot);

    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_baseline = nullptr;
    QCPGraph *m_curve = nullptr;
    QCPGraph *m_highWater = nullptr;
    QCPGraph *m_lossLimit = nullptr;
    QLabel *m_summary = nullptr;
    std::size_t m_pointCount = 0;
    SimTime m_lastPointTime = 0;
    int m_replotCount = 0;
    double m_lossLimitLevel = 0;
};

} // namespace vigil
