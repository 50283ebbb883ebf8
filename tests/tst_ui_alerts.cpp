// The console's Alerts panel against a running engine: a silent feed raises a warning and
// the kill switch's critical alert, each with its level; the critical one shows "not yet"
// acknowledged until the operator acknowledges it from the panel's context action with a
// reason, after which the engine's row names who did, and a second acknowledgement is
// refused. VIGIL_UI_SHOTS=DIR saves the window as alerts-panel.png there.
#include "AlertAcknowledger.h"
#include "AlertsModel.h"
#include "MainWindow.h"
#include "api/Config.h"
#include "api/Engine.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QInputDialog>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace vigil;

class TestUiAlerts : public QObject {
    Q_OBJECT

    /// The view's row whose message contains `text`, or -1.
    static int rowWith(QTableView *view, const QString &text)
    {
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (view->model()->index(r, AlertsModel::MessageColumn).data().toString().contains(text))
                return r;
        return -1;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aCriticalAlertIsAcknowledgedFromThePanel()
    {
        Config config = defaultConfig();
        FaultSpec silence;
        silence.kind = FaultKind::SilentFeed;
        silence.startSecondOfDay = 9 * 3600 + 31 * 60;
        silence.durationSeconds = 600;
        config.simulator.faults = {silence};
        RunOptions options;
        options.seed = 3;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 600;
        Engine engine(config, options);
        MainWindow window([&engine] { return engine.snapshot(); },
                          [&engine](Command c, std::function<void(const CommandResult &)> done) {
                              engine.command(std::move(c), std::move(done));
                          });
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("alertsDock"));
        QVERIFY(dock);
        dock->raise();
        auto *view = window.findChild<QTableView *>(QStringLiteral("alertsView"));
        QVERIFY(view);
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(rowWith(view, QStringLiteral("kill switch fired automatically")) >= 0, 30'000);
        const int row = rowWith(view, QStringLiteral("kill switch fired automatically"));
        QCOMPARE(view->model()->index(row, AlertsModel::SeverityColumn).data().toString(),
                 QStringLiteral("L3 CRITICAL"));
        QCOMPARE(view->model()->index(row, AlertsModel::AcknowledgedColumn).data().toString(),
                 QStringLiteral("not yet"));
        const int warning = rowWith(view, QStringLiteral("market data silence at"));
        QVERIFY(warning >= 0);
        QCOMPARE(view->model()->index(warning, AlertsModel::SeverityColumn).data().toString(),
                 QStringLiteral("L2 WARNING"));

        // The reason is typed into the dialog the action opens.
        auto *acknowledger = view->findChild<AlertAcknowledger *>();
        QVERIFY(acknowledger);
        QSignalSpy answers(acknowledger, &AlertAcknowledger::answered);
        QTimer::singleShot(200, [] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->setTextValue(QStringLiteral("feed checked, restarting the gateway"));
            dialog->accept();
        });
        acknowledger->acknowledge(row);
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), qsizetype(1), 10'000);
        QVERIFY2(answers.front().at(0).toBool(), qPrintable(answers.front().at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(view->model()
                                     ->index(rowWith(view, QStringLiteral("kill switch fired automatically")),
                                             AlertsModel::AcknowledgedColumn)
                                     .data()
                                     .toString()
                                     .endsWith(QStringLiteral("(console)")),
                                 10'000);
        // Once is enough: the engine refuses a second acknowledgement.
        QTimer::singleShot(200, [] {
            if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
                dialog->setTextValue(QStringLiteral("again"));
                dialog->accept();
            }
        });
        acknowledger->acknowledge(rowWith(view, QStringLiteral("kill switch fired automatically")));
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), qsizetype(2), 10'000);
        QVERIFY(!answers.at(1).at(0).toBool());
        QVERIFY(answers.at(1).at(1).toString().contains(QStringLiteral("already acknowledged")));
        if (const QString shots = qEnvironmentVariable("VIGIL_UI_SHOTS"); !shots.isEmpty())
            window.grab().save(shots + QStringLiteral("/alerts-panel.png"));
        engine.stop();
    }

    void aTestAlertGoesThroughTheChannelChosenInTheMenu()
    {
        Engine engine(defaultConfig(), RunOptions{});
        MainWindow window([&engine] { return engine.snapshot(); });
        auto *webhook = window.findChild<QAction *>(QStringLiteral("webhookTestAlertAction"));
        auto *email = window.findChild<QAction *>(QStringLiteral("emailTestAlertAction"));
        QVERIFY(webhook && email);
        QVERIFY(!webhook->isEnabled()); // no channel yet
        std::vector<AlertChannelKind> asked;
        window.setAlertTester(
            [&asked](AlertChannelKind kind) {
                asked.push_back(kind); // on the thread pool: the GUI does not wait for the peer
                return QStringLiteral("webhook: delivered in 12 ms");
            },
            {AlertChannelKind::Webhook});
        QVERIFY(webhook->isEnabled());
        QVERIFY(!email->isEnabled()); // not enabled in [alerts]
        QSignalSpy tested(&window, &MainWindow::alertTested);
        webhook->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), qsizetype(1), 5'000);
        QCOMPARE(tested.front().at(0).toString(), QStringLiteral("webhook"));
        QVERIFY(tested.front().at(1).toBool());
        QCOMPARE(asked, std::vector<AlertChannelKind>{AlertChannelKind::Webhook});
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("webhook: delivered in 12 ms"));
    }
};

QTEST_MAIN(TestUiAlerts)
#include "tst_ui_alerts.moc"
