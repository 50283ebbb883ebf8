#pragma once
// The exposure dashboard: gross and net exposure as a percentage of equity per simulated
// minute, with the gross exposure limit drawn; and the exposure now, by symbol (the
// largest twelve) and by strategy, as bars of the share of equity. Redrawn only when a
// minute has been added or the positions changed. GUI thread only.

#include "api/Snapshot.h"

#include <QFrame>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QLabel;

namespace vigil {

class ExposureChart final : public QFrame {
    Q_OBJECT

public:
    static constexpr int kSymbolBars = 12;

    explicit ExposureChart(QWidget *parent = nullptr);

    void applySnapshot(const Snapshot &snapshot);

    int pointCount() const { return m_points; }
    /// The bars' labels as drawn, largest first: symbols, then strategies.
    const QStringList &barLabels() const { return m_barLabels; }
    /// The gross limit as drawn (percent of equity; 0 when unknown).
    double grossLimitPct() const { return m_grossLimitPct; }

private:
    QCustomPlot *m_curve = nullptr;
    QCustomPlot *m_bars = nullptr;
    QCPGraph *m_gross = nullptr;
    QCPGraph *m_net = nullptr;
    QCPGraph *m_limit = nullptr;
    QCPBars *m_longBars = nullptr;
    QCPBars *m_shortBars = nullptr;
    QLabel *m_summary = nullptr;
    int m_points = 0;
    std::uint64_t m_shownVersion = 0;
    SimTime m_lastBarsTime = 0;
    QStringList m_barLabels;
    double m_grossLimitPct = 0;
};

} // namespace vigil
