#pragma once
// The P&L dashboard: today's P&L over the day split into realized and unrealized, with the
// daily loss limit drawn where the kill switch would fire; and each strategy's P&L over the
// day. One point a simulated minute; redrawn only when a point has been added. Points
// restored from the journal after a restart carry the total only, so the parts start where
// the restarted process took over. GUI thread only.

#include "api/Snapshot.h"

#include <QFrame>
#include <QStringList>

class QCustomPlot;
class QCPGraph;
class QLabel;

namespace vigil {

class PnlChart final : public QFrame {
    Q_OBJECT

public:
    explicit PnlChart(QWidget *parent = nullptr);

    void applySnapshot(const Snapshot &snapshot);

    /// What is drawn, for tests: points per series and the newest value of each (dollars).
    enum class Series { Total, Realized, Unrealized };
    int pointCount(Series series) const;
    double lastValue(Series series) const;
    /// The strategies' lines, in the legend's order, and the newest value of one.
    const QStringList &strategyNames() const { return m_strategyNames; }
    double lastStrategyValue(int index) const;
    /// The loss limit as drawn: today's P&L at which the daily drawdown limit is reached.
    double lossLimitLevel() const { return m_lossLimitLevel; }
    int replotCount() const { return m_replotCount; }

private:
    void plot(const Snapshot &snapshot);
    QCPGraph *graph(Series series) const;

    QCustomPlot *m_parts = nullptr;
    QCustomPlot *m_strategies = nullptr;
    QCPGraph *m_zero = nullptr;
    QCPGraph *m_total = nullptr;
    QCPGraph *m_realized = nullptr;
    QCPGraph *m_unrealized = nullptr;
    QCPGraph *m_lossLimit = nullptr;
    QCPGraph *m_strategyZero = nullptr;
    std::vector<QCPGraph *> m_strategyLines;
    QStringList m_strategyNames;
    QLabel *m_summary = nullptr;
    std::size_t m_pointCount = 0;
    SimTime m_lastPointTime = 0;
    double m_lossLimitLevel = 0;
    int m_replotCount = 0;
};

} // namespace vigil
