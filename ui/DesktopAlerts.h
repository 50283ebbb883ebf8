#pragma once
// The console's desktop channel ([alerts.desktop]): a tray icon in the trading state's
// colour (green ACTIVE, amber PAUSED or MAINTENANCE, red HALTED or KILLED) where the desktop
// has a tray, and a notification for each new alert of the configured levels through the
// desktop's notification service (org.freedesktop.Notifications over D-Bus), or the tray
// icon's balloon where no service answers. Repeats of an alert already shown are not shown
// again; alerts that were there before the console's first snapshot (a restart's) neither.
//
// Thread affinity: GUI thread. It never waits: the D-Bus call is asynchronous, and its
// answer (or failure) comes back as notified().

#include "api/AlertSeverity.h"
#include "api/Snapshot.h"
#include "api/TradingState.h"

#include <QIcon>
#include <QObject>

#include <vector>

class QSystemTrayIcon;

namespace vigil {

class DesktopAlerts final : public QObject {
    Q_OBJECT

public:
    /// How a notification went out.
    enum class Route : std::uint8_t {
        Service, ///< the desktop's notification service took it
        Tray,    ///< the tray icon's balloon (no service answered)
        Nowhere, ///< neither a service nor a tray: the console alone shows it
    };
    Q_ENUM(Route)

    /// `levels`: the alert levels (1..3) that notify.
    explicit DesktopAlerts(std::vector<int> levels, QObject *parent = nullptr);
    ~DesktopAlerts() override;

    void applySnapshot(const Snapshot &snapshot);
    /// Shows a notification now (a new alert, or the console's test).
    void notify(AlertSeverity severity, const QString &summary, const QString &body);

    /// The icon of `state`: a disc in its colour.
    static QIcon stateIcon(TradingState state);
    /// The tray icon (null where the desktop has no tray).
    QSystemTrayIcon *trayIcon() const { return m_tray; }

Q_SIGNALS:
    /// A notification went out by `route` (with the service's error, if it refused and the
    /// tray took it instead).
    void notified(const QString &summary, DesktopAlerts::Route route, const QString &error);

private:
    void fallBack(AlertSeverity severity, const QString &summary, const QString &body, const QString &error);

    std::vector<int> m_levels;
    QSystemTrayIcon *m_tray = nullptr;
    TradingState m_state = TradingState::Active;
    bool m_seenFirst = false;
    std::uint64_t m_lastAlertId = 0; ///< the newest alert already shown (or already there at the start)
};

} // namespace vigil
