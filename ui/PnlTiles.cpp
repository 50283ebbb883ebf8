#include "PnlTiles.h"

#include "Format.h"
#include "Theme.h"

#include "api/PrintedPnl.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace vigil {

namespace {

using theme::Tone;

void present(QLabel *label, const QString &text, Tone tone)
{
    theme::setText(label, text);
    theme::setTone(label, tone);
}

} // namespace

PnlTiles::PnlTiles(QWidget *parent)
    : QWidget(parent)
{
    const std::array<QString, kTileCount> titles = {
        tr("DAILY P&L"), tr("REALIZED"),       tr("UNREALIZED"),   tr("EQUITY"),
        tr("DRAWDOWN"),  tr("GROSS EXPOSURE"), tr("NET EXPOSURE"), tr("FEES"),
    };
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(8);
    for (std::size_t i = 0; i < titles.size(); ++i) {
        auto *tile = new QFrame(this);
        tile->setObjectName(QStringLiteral("tile"));
        auto *box = new QVBoxLayout(tile);
        box->setContentsMargins(10, 10, 10, 10); // eight tiles across a 1366-pixel screen
        box->setSpacing(3);
        auto *title = new QLabel(titles[i], tile);
        title->setObjectName(QStringLiteral("tileTitle"));
        auto *value = new QLabel(format::none(), tile);
        value->setFont(theme::monospaceFont(i == 0 ? 22 : 19, QFont::Bold));
        auto *detail = new QLabel(tile);
        detail->setObjectName(QStringLiteral("tileDetail"));
        detail->setFont(theme::monospaceFont(12));
        box->addWidget(title);
        box->addWidget(value);
        box->addWidget(detail);
        // The daily P&L is what the operator looks at first: give it more room.
        row->addWidget(tile, i == 0 ? 5 : 4);
        m_tiles[i] = {value, detail};
        theme::setTone(value, Tone::Normal);
        theme::setTone(detail, Tone::Muted);
    }
}

void PnlTiles::applySnapshot(const Snapshot &snapshot)
{
    using format::Sign;
    // As printed: each part rounded to the cent, each total the sum of the printed parts.
    const PrintedPnl printed = printedPnl(snapshot.startingEquity, snapshot.equity, snapshot.realizedPnl,
                                          snapshot.unrealizedPnl, snapshot.highWaterMark);
    const Money daily = printed.total;
    const Tone dailyTone = theme::signTone(daily.raw());
    present(labels(Tile::DailyPnl).value, format::money(daily, Sign::Always), dailyTone);
    present(labels(Tile::DailyPnl).detail,
            tr("%1 of start").arg(format::percent(format::ratio(daily, printed.startingEquity), Sign::Always)),
            dailyTone);

    present(labels(Tile::Realized).value, format::money(printed.realized, Sign::Always),
            theme::signTone(printed.realized.raw()));
    present(labels(Tile::Realized).detail, tr("net of fees"), Tone::Muted);

    present(labels(Tile::Unrealized).value, format::money(printed.unrealized, Sign::Always),
            theme::signTone(printed.unrealized.raw()));
    present(labels(Tile::Unrealized).detail, tr("open positions: %1").arg(snapshot.positions.size()), Tone::Muted);

    present(labels(Tile::Equity).value, format::money(printed.equity), Tone::Normal);
    present(labels(Tile::Equity).detail, tr("start %1").arg(format::money(printed.startingEquity)), Tone::Muted);

    const bool inDrawdown = printed.drawdown.raw() > 0;
    present(labels(Tile::Drawdown).value, format::money(-printed.drawdown), inDrawdown ? Tone::Loss : Tone::Normal);
    // Against the daily loss limit (the drawdown that fires the kill switch), both as a
    // share of the day's starting equity.
    const double used = snapshot.killDrawdown.raw() > 0 ? static_cast<double>(snapshot.drawdown.raw())
                                                              / static_cast<double>(snapshot.killDrawdown.raw())
                                                        : 0.0;
    present(labels(Tile::Drawdown).detail,
            snapshot.killDrawdown.raw() > 0
                ? tr("%1 of the %2 limit")
                      .arg(format::percent(format::ratio(snapshot.drawdown, snapshot.startingEquity)),
                           format::percent(format::ratio(snapshot.killDrawdown, snapshot.startingEquity)))
                : tr("%1 of the high").arg(format::percent(format::ratio(-snapshot.drawdown, snapshot.highWaterMark))),
            used >= 0.8 ? Tone::Loss : (used >= 0.5 ? Tone::Warning : Tone::Muted));

    present(labels(Tile::GrossExposure).value, format::percent(format::ratio(snapshot.grossExposure, snapshot.equity)),
            Tone::Normal);
    present(labels(Tile::GrossExposure).detail,
            snapshot.grossLimitPct > 0 ? tr("limit %1%").arg(snapshot.grossLimitPct, 0, 'f', 0)
                                       : format::money(snapshot.grossExposure),
            Tone::Muted);

    present(labels(Tile::NetExposure).value,
            format::percent(format::ratio(snapshot.netExposure, snapshot.equity), Sign::Always), Tone::Normal);
    present(labels(Tile::NetExposure).detail, format::money(snapshot.netExposure, Sign::Always), Tone::Muted);

    present(labels(Tile::Fees).value, format::money(roundToCent(snapshot.fees)), Tone::Normal);
    present(labels(Tile::Fees).detail, tr("today"), Tone::Muted);

    // A restart's replay: the books are valued at the journal's last prices, not at the
    // replayed market's (hours old). Every tile that depends on prices says so; realized
    // P&L and fees are the journal's own.
    if (!snapshot.figuresAsOf.empty()) {
        const QString asOf =
            tr("replaying, figures as of %1").arg(QString::fromStdString(snapshot.figuresAsOf).left(5));
        for (const Tile tile :
             {Tile::DailyPnl, Tile::Unrealized, Tile::Equity, Tile::Drawdown, Tile::GrossExposure, Tile::NetExposure})
            present(labels(tile).detail, asOf, Tone::Warning);
    }
}

QString PnlTiles::valueText(Tile tile) const { return labels(tile).value->text(); }
QString PnlTiles::detailText(Tile tile) const { return labels(tile).detail->text(); }

} // namespace vigil
