#pragma once
// Execution quality: fill rate and rejection rate over the last 30 simulated minutes, and
// slippage against the mid when each order was sent, today and over the window. GUI
// thread only; fed the engine's snapshot like every panel.

#include "api/Snapshot.h"

#include <QFrame>

class QLabel;

namespace vigil {

class ExecutionPanel final : public QFrame {
    Q_OBJECT

public:
    /// Rejections above this share of finished orders are an incident (red); any is amber.
    static constexpr double kRejectAlertPct = 10.0;

    explicit ExecutionPanel(QWidget *parent = nullptr);
    void applySnapshot(const Snapshot &snapshot);

    QString fillRateText() const;
    QString rejectRateText() const;
    QString slippageAverageText() const;
    QString slippageP95Text() const;

private:
    QLabel *m_fillRate = nullptr;
    QLabel *m_rejectRate = nullptr;
    QLabel *m_sent = nullptr;
    QLabel *m_finished = nullptr;
    QLabel *m_slipAverage = nullptr;
    QLabel *m_slipP95 = nullptr;
    QLabel *m_slipWindow = nullptr;
    QLabel *m_slipFills = nullptr;
};

} // namespace vigil
