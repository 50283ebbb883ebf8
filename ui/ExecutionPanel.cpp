#include "ExecutionPanel.h"

#include "Format.h"
#include "PanelParts.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <array>

namespace vigil {

namespace {

using theme::Tone;

/// A row of captions over figures; returns the figures.
template<std::size_t N>
std::array<QLabel *, N> figureRow(QVBoxLayout *layout, QWidget *parent, const std::array<QString, N> &captions,
                                  const std::array<QString, N> &tips)
{
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(0);
    std::array<QLabel *, N> figures{};
    for (std::size_t column = 0; column < N; ++column) {
        QLabel *caption = panel::caption(captions[column], parent);
        caption->setToolTip(tips[column]);
        grid->addWidget(caption, 0, static_cast<int>(column));
        figures[column] = panel::figure(parent, 16);
        figures[column]->setToolTip(tips[column]);
        grid->addWidget(figures[column], 1, static_cast<int>(column));
        grid->setColumnStretch(static_cast<int>(column), 1);
    }
    layout->addLayout(grid);
    return figures;
}

QString rate(double pct) { return pct < 0 ? format::none() : format::percent(pct / 100.0); }

} // namespace

ExecutionPanel::ExecutionPanel(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("panel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 12);
    layout->setSpacing(8);

    layout->addWidget(panel::sectionTitle(tr("Orders, last 30 minutes"), this));
    const auto orders = figureRow<4>(
        layout, this, {tr("Fill rate"), tr("Rejection rate"), tr("Sent"), tr("Finished")},
        {tr("Orders that finished with at least one fill, as a share of all orders that finished"),
         tr("Orders the broker rejected, as a share of all orders that finished"), tr("Orders sent to the broker"),
         tr("Orders that reached a final state (filled, cancelled, rejected, expired)")});
    m_fillRate = orders[0];
    m_rejectRate = orders[1];
    m_sent = orders[2];
    m_finished = orders[3];

    layout->addSpacing(4);
    layout->addWidget(panel::sectionTitle(tr("Slippage against the mid when the order was sent"), this));
    const auto slippage = figureRow<4>(
        layout, this, {tr("Today, average"), tr("Today, p95"), tr("30 min, average"), tr("Fills measured")},
        {tr("Positive: paid more (or received less) than the mid"), tr("95 % of today's fills slipped no more"),
         tr("Average over the fills of the last 30 minutes"), tr("Today's fills with a known arrival mid")});
    m_slipAverage = slippage[0];
    m_slipP95 = slippage[1];
    m_slipWindow = slippage[2];
    m_slipFills = slippage[3];
    layout->addStretch(1);
}

void ExecutionPanel::applySnapshot(const Snapshot &snapshot)
{
    const ExecutionFigures &e = snapshot.execution;
    panel::present(m_fillRate, rate(e.fillRatePct()), e.fillRatePct() < 0 ? Tone::Muted : Tone::Normal);
    Tone rejectTone = Tone::Normal;
    if (e.rejectRatePct() < 0)
        rejectTone = Tone::Muted;
    else if (e.rejectRatePct() > kRejectAlertPct)
        rejectTone = Tone::Loss;
    else if (e.rejectedInWindow > 0)
        rejectTone = Tone::Warning;
    panel::present(m_rejectRate, rate(e.rejectRatePct()), rejectTone);
    panel::present(m_sent, format::count(e.sentInWindow), Tone::Normal);
    panel::present(m_finished, format::count(e.finishedInWindow), Tone::Normal);
    const bool measured = e.slippageFills > 0;
    auto slipTone = [](double bps) { return bps > 0.05 ? Tone::Loss : (bps < -0.05 ? Tone::Profit : Tone::Normal); };
    panel::present(m_slipAverage, measured ? format::basisPoints(e.slippageAvgBps) : format::none(),
                   measured ? slipTone(e.slippageAvgBps) : Tone::Muted);
    panel::present(m_slipP95, measured ? format::basisPoints(e.slippageP95Bps) : format::none(),
                   measured ? slipTone(e.slippageP95Bps) : Tone::Muted);
    const bool window = e.slippageFillsInWindow > 0;
    panel::present(m_slipWindow, window ? format::basisPoints(e.slippageAvgInWindowBps) : format::none(),
                   window ? slipTone(e.slippageAvgInWindowBps) : Tone::Muted);
    panel::present(m_slipFills, format::count(e.slippageFills), Tone::Normal);
}

QString ExecutionPanel::fillRateText() const { return m_fillRate->text(); }
QString ExecutionPanel::rejectRateText() const { return m_rejectRate->text(); }
QString ExecutionPanel::slippageAverageText() const { return m_slipAverage->text(); }
QString ExecutionPanel::slippageP95Text() const { return m_slipP95->text(); }

} // namespace vigil
