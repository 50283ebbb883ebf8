#pragma once
// The row of P&L tiles: daily P&L ($ and % of starting equity), realized, unrealized,
// equity, drawdown from the high-water mark ($ and %), gross and net exposure (% of
// equity) and fees, each coloured by what its value means. GUI thread only.

#include "api/Snapshot.h"

#include <QWidget>

#include <array>

class QLabel;

namespace vigil {

class PnlTiles final : public QWidget {
    Q_OBJECT

public:
    enum class Tile : int {
        DailyPnl,
        Realized,
        Unrealized,
        Equity,
        Drawdown,
        GrossExposure,
        NetExposure,
        Fees,
    };
    static constexpr int kTileCount = 8;

    explicit PnlTiles(QWidget *parent = nullptr);

    void applySnapshot(const Snapshot &snapshot);

    /// The big value of a tile, e.g. "+$1,234.50" or "45.20%".
    QString valueText(Tile tile) const;
    /// The line under the value, e.g. "+1.23% of start".
    QString detailText(Tile tile) const;

private:
    struct TileLabels {
        QLabel *value = nullptr;
        QLabel *detail = nullptr;
    };
    const TileLabels &labels(Tile tile) const { return m_tiles[static_cast<std::size_t>(tile)]; }

    std::array<TileLabels, kTileCount> m_tiles;
};

} // namespace vigil
