#include "DesktopAlerts.h"

#include "Palette.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

#include <algorithm>

namespace vigil {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

QColor stateColour(TradingState state)
{
    switch (state) {
    case TradingState::Active: return palette::profit();
    case TradingState::Paused:
    case TradingState::Maintenance: return palette::warning();
    case TradingState::Halted:
    case TradingState::Killed: return palette::loss();
    }
    return palette::neutral();
}

/// The notification specification's urgency: 0 low, 1 normal, 2 critical (a critical one
/// stays until the operator closes it).
uchar urgencyOf(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Recovered: return 0;
    case AlertSeverity::Warning: return 1;
    case AlertSeverity::Critical: return 2;
    }
    return 2;
}
}

DesktopAlerts::DesktopAlerts(std::vector<int> levels, QObject *parent)
    : QObject(parent)
    , m_levels(std::move(levels))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(stateIcon(m_state), this);
        m_tray->setToolTip(tr("Vigil: trading ACTIVE"));
        m_tray->show();
    }
}

DesktopAlerts::~DesktopAlerts() = default;

QIcon DesktopAlerts::stateIcon(TradingState state)
{
    QIcon icon;
    for (const int size : {16, 22, 32, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(palette::window(), std::max(1, size / 16)));
        painter.setBrush(stateColour(state));
        const double inset = size / 16.0 + 0.5;
        painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void DesktopAlerts::applySnapshot(const Snapshot &snapshot)
{
    if (m_tray && (snapshot.tradingState != m_state || !m_seenFirst)) {
        m_tray->setIcon(stateIcon(snapshot.tradingState));
        m_tray->setToolTip(tr("Vigil: trading %1").arg(QString::fromUtf8(toString(snapshot.tradingState))));
    }
    m_state = snapshot.tradingState;
    std::uint64_t newest = m_lastAlertId;
    for (const AlertRow &alert : snapshot.alerts) {
        newest = std::max(newest, alert.id);
        if (!m_seenFirst || alert.id <= m_lastAlertId)
            continue; // there before the console's first look, or shown already (a repeat counts on it)
        if (std::find(m_levels.begin(), m_levels.end(), alertLevel(alert.severity)) == m_levels.end())
            continue;
        notify(alert.severity,
               tr("Vigil L%1 %2: %3")
                   .arg(alertLevel(alert.severity))
                   .arg(QString::fromUtf8(toString(alert.severity)), QString::fromStdString(alert.source)),
               tr("%1\n#%2 at %3 New York")
                   .arg(QString::fromStdString(alert.message))
                   .arg(alert.id)
                   .arg(QString::fromStdString(alert.clock)));
    }
    m_lastAlertId = newest;
    m_seenFirst = true;
}

void DesktopAlerts::notify(AlertSeverity severity, const QString &summary, const QString &body)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        fallBack(severity, summary, body, tr("no D-Bus session"));
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(urgencyOf(severity)));
    hints.insert(QStringLiteral("category"), QStringLiteral("im.received"));
    call << QStringLiteral("Vigil") << uint(0) << QStringLiteral("dialog-warning") << summary << body << QStringList()
         << hints << int(severity == AlertSeverity::Critical ? 0 : 15'000); // 0: until closed
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5'000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, severity, summary, body] {
        const QDBusPendingReply<uint> reply = *watcher;
        watcher->deleteLater();
        if (reply.isError())
            fallBack(severity, summary, body, reply.error().message());
        else
            Q_EMIT notified(summary, Route::Service, QString());
    });
}

void DesktopAlerts::fallBack(AlertSeverity severity, const QString &summary, const QString &body, const QString &error)
{
    if (!m_tray) {
        Q_EMIT notified(summary, Route::Nowhere, error);
        return;
    }
    m_tray->showMessage(summary, body,
                        severity == AlertSeverity::Critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                        severity == AlertSeverity::Critical ? 0 : 15'000);
    Q_EMIT notified(summary, Route::Tray, error);
}

} // namespace vigil
