// The console's desktop channel (ui/DesktopAlerts) against a real notification service:
// dunst, on the test's own X display (xvfb-run) and session bus (dbus-run-session), as
// tests/CMakeLists.txt launches it. New alerts of the configured levels are notified once,
// with the specification's urgency; repeats, alerts there before the first snapshot and
// levels not configured are not; without a service the notification says where it went
// (nowhere, on a desktop without a tray); the tray icon's colour follows the trading state.
// VIGIL_UI_SHOTS=DIR saves the screen with dunst's notification as desktop-notification.png.
#include "DesktopAlerts.h"
#include "Palette.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPixmap>
#include <QProcess>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace vigil;

class TestDesktopAlerts : public QObject {
    Q_OBJECT

    QProcess m_dunst;

    static AlertRow alert(std::uint64_t id, AlertSeverity severity, const char *source, const char *message)
    {
        AlertRow row;
        row.id = id;
        row.severity = severity;
        row.source = source;
        row.message = message;
        row.clock = "10:15:00";
        return row;
    }

    static bool serviceUp()
    {
        return QDBusConnection::sessionBus().interface()->isServiceRegistered(
            QStringLiteral("org.freedesktop.Notifications"));
    }

    /// What dunst was shown: each notification's summary and urgency.
    static QList<QPair<QString, QString>> shown()
    {
        QProcess::execute(QStringLiteral("dunstctl"), {QStringLiteral("close-all")}); // into the history
        QProcess history;
        history.start(QStringLiteral("dunstctl"), {QStringLiteral("history")});
        if (!history.waitForFinished(10'000))
            return {};
        const QJsonArray entries = QJsonDocument::fromJson(history.readAllStandardOutput())
                                       .object()
                                       .value(QStringLiteral("data"))
                                       .toArray()
                                       .at(0)
                                       .toArray();
        QList<QPair<QString, QString>> out;
        for (const QJsonValue &e : entries)
            out.append(
                {e[QStringLiteral("summary")][QStringLiteral("data")].toString(),
                 // tests/receivers/dunstrc starts the text with the urgency dunst read
                 e[QStringLiteral("message")][QStringLiteral("data")].toString().section(QLatin1Char(' '), 0, 0)});
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("DISPLAY").isEmpty()
                     && !qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty(),
                 "run under dbus-run-session and xvfb-run, as ctest does (tests/CMakeLists.txt)");
        m_dunst.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_dunst.start(QStringLiteral("dunst"),
                      {QStringLiteral("-config"),
                       qEnvironmentVariable("VIGIL_SOURCE_DIR") + QStringLiteral("/tests/receivers/dunstrc")});
        QVERIFY2(m_dunst.waitForStarted(), "dunst (packaging/install-deps.sh) cannot be started");
        QTRY_VERIFY_WITH_TIMEOUT(serviceUp(), 10'000);
    }

    void cleanupTestCase()
    {
        if (m_dunst.state() != QProcess::NotRunning) {
            m_dunst.terminate();
            m_dunst.waitForFinished(5'000);
        }
    }

    void newAlertsOfTheLevelsAreNotifiedOnce()
    {
        DesktopAlerts desktop({2, 3});
        QSignalSpy notified(&desktop, &DesktopAlerts::notified);
        Snapshot snapshot;
        snapshot.alerts = {alert(5, AlertSeverity::Critical, "risk", "there before the console looked")};
        desktop.applySnapshot(snapshot); // the first look: nothing from before it is notified
        snapshot.alerts.push_back(alert(7, AlertSeverity::Warning, "market data", "market data silent for 120 s"));
        snapshot.alerts.push_back(alert(8, AlertSeverity::Recovered, "venue", "the market data stream is back"));
        snapshot.alerts.push_back(
            alert(9, AlertSeverity::Critical, "risk", "kill switch fired automatically: daily loss limit"));
        desktop.applySnapshot(snapshot);
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), qsizetype(2), 10'000);
        for (const QList<QVariant> &n : notified)
            QCOMPARE(int(n.at(1).value<DesktopAlerts::Route>()), int(DesktopAlerts::Route::Service));
        if (const QString shots = qEnvironmentVariable("VIGIL_UI_SHOTS"); !shots.isEmpty()) {
            QTest::qWait(500); // dunst draws its window
            QGuiApplication::primaryScreen()->grabWindow(0).save(shots + QStringLiteral("/desktop-notification.png"));
        }
        snapshot.alerts[1].count = 3; // a repeat counts on the alert already shown
        desktop.applySnapshot(snapshot);
        QTest::qWait(300);
        QCOMPARE(notified.size(), qsizetype(2));

        QList<QPair<QString, QString>> seen = shown();
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, (QList<QPair<QString, QString>>{
                           {QStringLiteral("Vigil L2 warning: market data"), QStringLiteral("NORMAL")},
                           {QStringLiteral("Vigil L3 critical: risk"), QStringLiteral("CRITICAL")}}));
    }

    void theIconTakesTheStatesColour()
    {
        const QImage killed = DesktopAlerts::stateIcon(TradingState::Killed).pixmap(32).toImage();
        QCOMPARE(killed.pixelColor(16, 16), palette::loss());
        const QImage active = DesktopAlerts::stateIcon(TradingState::Active).pixmap(32).toImage();
        QCOMPARE(active.pixelColor(16, 16), palette::profit());
        const QImage paused = DesktopAlerts::stateIcon(TradingState::Paused).pixmap(32).toImage();
        QCOMPARE(paused.pixelColor(16, 16), palette::warning());
    }

    void withoutAServiceItSaysWhereTheAlertWent()
    {
        m_dunst.terminate();
        QVERIFY(m_dunst.waitForFinished(5'000));
        QTRY_VERIFY_WITH_TIMEOUT(!serviceUp(), 10'000);
        DesktopAlerts desktop({3});
        QSignalSpy notified(&desktop, &DesktopAlerts::notified);
        desktop.notify(AlertSeverity::Critical, QStringLiteral("Vigil L3 critical: test"), QStringLiteral("body"));
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), qsizetype(1), 10'000);
        // No tray on a bare X server either: the console alone shows it, and says why.
        QCOMPARE(int(notified.front().at(1).value<DesktopAlerts::Route>()),
                 int(desktop.trayIcon() ? DesktopAlerts::Route::Tray : DesktopAlerts::Route::Nowhere));
        QVERIFY2(notified.front().at(2).toString().contains(QStringLiteral("org.freedesktop.Notifications")),
                 qPrintable(notified.front().at(2).toString()));
    }
};

QTEST_MAIN(TestDesktopAlerts)
#include "tst_desktop_alerts.moc"
