#pragma once
// The strip across the top of the dashboard: the trading-state badge with who set the
// state, when and why, the market data's
// age and the broker's connection, the session date, the simulated New York clock, the
// session phase and the simulation speed. On a real broker's venue, the account under the
// wordmark: a red LIVE while it trades real money, a calm PAPER for a paper account.
// GUI thread only.

#include "Theme.h"

#include "api/Config.h"
#include "api/Snapshot.h"

#include <QFrame>

#include <optional>

class QLabel;

namespace vigil {

class HeaderStrip final : public QFrame {
    Q_OBJECT

public:
    explicit HeaderStrip(QWidget *parent = nullptr);

    void applySnapshot(const Snapshot &snapshot);
    /// The venue the configuration names: Alpaca shows its account ("LIVE" or "PAPER") for
    /// as long as the window is open; the simulator shows nothing more.
    void setVenue(const VenueConfig &venue);

    /// "LIVE", "PAPER", or empty (the simulator).
    QString venueText() const;
    theme::Tone venueTone() const { return m_venueTone; }

    /// The badge's word ("ACTIVE", "PAUSED", ..., or "CLOSED" once the session is over);
    /// empty before the first snapshot.
    QString stateText() const;
    /// The line beside the badge: what the state means now. Under it, who set the state,
    /// when (New York) and why ("at 10:38:28 by alice (console)", "broker slow"); after the
    /// close, the state trading was left in. A line too long for the room is shortened on
    /// screen, whole in its tool tip, so the strip never grows.
    QString stateDetailText() const;
    QString clockText() const;
    QString phaseText() const;
    QString speedText() const;
    /// The market data's age ("0.4 s", "STALE 3m 05s", "DOWN") and tone.
    QString marketDataText() const;
    theme::Tone marketDataTone() const { return m_marketDataTone; }
    /// The broker's connection ("connected", "2 errors", "STALE", "DOWN") and tone.
    QString brokerText() const;
    theme::Tone brokerTone() const { return m_brokerTone; }

    static QString stateName(TradingState state);
    /// The state's symbol, shown with its name and colour.
    static QString stateSymbol(TradingState state);
    static theme::Tone stateTone(TradingState state);
    static QString phaseName(SessionPhase phase);

    /// What the badge shows: the session's phase where it decides what can act (after the
    /// close nothing can), else the trading state.
    struct Badge {
        QString symbol;
        QString word;
        theme::Tone tone = theme::Tone::Neutral;
    };
    static Badge badgeFor(const Snapshot &snapshot);

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void fitStateLines();

    QLabel *m_subtitle = nullptr;
    QLabel *m_venueBadge = nullptr;
    theme::Tone m_venueTone = theme::Tone::Muted;
    QLabel *m_stateBadge = nullptr;
    QString m_stateName;
    QLabel *m_stateDetail = nullptr;
    QLabel *m_stateOrigin = nullptr;
    QLabel *m_stateReason = nullptr;
    QString m_stateLines[3]; ///< meaning, who and when, why: whole
    QLabel *m_marketData = nullptr;
    theme::Tone m_marketDataTone = theme::Tone::Muted;
    QLabel *m_broker = nullptr;
    theme::Tone m_brokerTone = theme::Tone::Muted;
    QLabel *m_date = nullptr;
    QLabel *m_clock = nullptr;
    QLabel *m_phase = nullptr;
    QLabel *m_speed = nullptr;
    bool m_brokerPace = false;         ///< a real broker's venue: its clock, not a speed, sets the pace
    std::optional<double> m_lastSpeed; ///< the latest snapshot's
    void showSpeed();
};

} // namespace vigil
