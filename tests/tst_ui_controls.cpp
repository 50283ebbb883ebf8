// The console's controls against a running engine: a click only arms, and only Fire (with a
// reason) acts; pause, halt, kill (also by Ctrl+Shift+K), flatten and maintenance change
// the engine's state (asserted on the engine, not on a label); a resume after a halt or
// kill needs the acknowledgement. The badge names who halted, when and why; a flatten's
// answer follows the engine until flat; a kill's reset brings every strategy back stopped,
// each enabled on its own from the strategies panel. A screenshot of the window in each
// state is saved to tests/artifacts/ in the build directory.
#include "ControlBar.h"
#include "HeaderStrip.h"
#include "IncidentsModel.h"
#include "IncidentsPanel.h"
#include "MainWindow.h"
#include "PositionsModel.h"
#include "StrategiesModel.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/UserName.h"

#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <memory>

using namespace vigil;

class TestUiControls : public QObject {
    Q_OBJECT

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    ControlBar *bar() const { return m_window->controlBar(); }
    TradingState engineState() const { return m_engine->tradingState(); }
    QString dockTitle(const char *name) const
    {
        return m_window->findChild<QDockWidget *>(QLatin1String(name))->windowTitle();
    }
    QLabel *answer() const { return bar()->findChild<QLabel *>(QStringLiteral("controlAnswer")); }
    bool stopped(const std::string &key) const
    {
        for (const StrategyRow &row : m_engine->snapshot()->strategies)
            if (row.key == key)
                return row.stopped;
        return false;
    }

    void save(const char *name)
    {
        m_window->refreshNow();
        const QString dir = QDir::current().filePath(QStringLiteral("artifacts"));
        QDir().mkpath(dir);
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/console-%1.png").arg(QLatin1String(name))));
    }

    /// Types the reason (and the acknowledgement when one is asked for) and fires.
    void fireWith(const QString &reason, const QString &ack = {})
    {
        QTest::keyClicks(bar()->reasonEdit(), reason);
        if (!ack.isEmpty())
            QTest::keyClicks(bar()->acknowledgementEdit(), ack);
        QVERIFY(bar()->fireButton()->isEnabled());
        QTest::mouseClick(bar()->fireButton(), Qt::LeftButton);
        QVERIFY(!bar()->isArmed());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the window's layout: never the operator's settings
        RunOptions options;
        options.seed = 5;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 60; // the session outlasts the test
        m_engine = std::make_unique<Engine>(defaultConfig(), options);
        Engine *engine = m_engine.get();
        m_window = std::make_unique<MainWindow>([engine] { return engine->snapshot(); },
                                                [engine](Command c, std::function<void(const CommandResult &)> done) {
                                                    engine->command(std::move(c), std::move(done));
                                                });
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_engine->start();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isWaitingForEngine(), 10'000);
        QCOMPARE(m_window->stateText(), QStringLiteral("ACTIVE"));
        save("active");
    }

    void aClickOnlyArmsAndFireNeedsAReason()
    {
        QTest::mouseClick(bar()->killButton(), Qt::LeftButton);
        QVERIFY(bar()->isArmed());
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::Kill));
        save("kill-armed");
        QVERIFY(!bar()->fireButton()->isEnabled()); // no reason yet
        QTest::mouseClick(bar()->fireButton(), Qt::LeftButton);
        QTest::keyClick(bar()->reasonEdit(), Qt::Key_Return);
        QTest::qWait(300);
        QCOMPARE(int(engineState()), int(TradingState::Active));
        QTest::keyClicks(bar()->reasonEdit(), QStringLiteral("   "));
        QVERIFY(!bar()->fireButton()->isEnabled()); // blanks are no reason
        QTest::mouseClick(bar()->cancelButton(), Qt::LeftButton);
        QVERIFY(!bar()->isArmed());
        QTest::qWait(200);
        QCOMPARE(int(engineState()), int(TradingState::Active));
    }

    void pauseAndResume()
    {
        QTest::mouseClick(bar()->pauseButton(), Qt::LeftButton);
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::Pause));
        fireWith(QStringLiteral("news at 10:00"));
        QTRY_COMPARE(int(engineState()), int(TradingState::Paused));
        QTRY_COMPARE(m_window->stateText(), QStringLiteral("PAUSED"));
        QTRY_COMPARE(bar()->pauseButton()->text(), QStringLiteral("Resume"));
        save("paused");
        QTest::mouseClick(bar()->pauseButton(), Qt::LeftButton);
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::Resume));
        QVERIFY(!bar()->acknowledgementEdit()->isVisible()); // none needed after a pause
        fireWith(QStringLiteral("news out"));
        QTRY_COMPARE(int(engineState()), int(TradingState::Active));
    }

    void haltThenResumeNeedsTheAcknowledgement()
    {
        QTest::mouseClick(bar()->haltButton(), Qt::LeftButton);
        fireWith(QStringLiteral("broker slow"));
        QCOMPARE(int(engineState()), int(TradingState::Halted)); // at once, in this thread
        QTRY_COMPARE(m_window->stateText(), QStringLiteral("HALTED"));
        QVERIFY(!bar()->haltButton()->isEnabled());
        // Beside the badge: when (the engine's clock when it recorded the halt), who and why.
        const auto *who = m_window->headerStrip()->findChild<QLabel *>(QStringLiteral("stateOrigin"));
        const auto *why = m_window->headerStrip()->findChild<QLabel *>(QStringLiteral("stateReason"));
        QVERIFY(who && why);
        const QRegularExpression expected(
            QStringLiteral("^at (\\d\\d:\\d\\d:\\d\\d) by %1 \\(console\\)$")
                .arg(QRegularExpression::escape(QString::fromStdString(currentUserName()))));
        const QRegularExpressionMatch match = expected.match(who->text());
        QVERIFY2(match.hasMatch(), qPrintable(who->text()));
        QCOMPARE(match.captured(1),
                 QString::fromStdString(sessionFor(Date{2026, 11, 20}).clockText(m_engine->snapshot()->stateSince)));
        QCOMPARE(why->text(), QStringLiteral("broker slow"));
        save("halted");
        QTest::mouseClick(bar()->pauseButton(), Qt::LeftButton);
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::Resume));
        QVERIFY(bar()->acknowledgementEdit()->isVisible());
        QTest::keyClicks(bar()->reasonEdit(), QStringLiteral("broker fine again"));
        QVERIFY(!bar()->fireButton()->isEnabled()); // still no acknowledgement
        fireWith(QString(), QStringLiteral("latency back under 100 ms"));
        QTRY_COMPARE(int(engineState()), int(TradingState::Active));
    }

    void theKillSwitchByKeyboardLatches()
    {
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keySequence(m_window.get(), QKeySequence(QStringLiteral("Ctrl+Shift+K")));
        QVERIFY(bar()->isArmed());
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::Kill));
        QVERIFY(bar()->reasonEdit()->hasFocus()); // type the reason straight away
        QTest::keyClicks(bar()->reasonEdit(), QStringLiteral("runaway strategy"));
        QTest::keyClick(bar()->reasonEdit(), Qt::Key_Return);
        QCOMPARE(int(engineState()), int(TradingState::Killed));
        QTRY_COMPARE(m_window->stateText(), QStringLiteral("KILLED"));
        QTRY_VERIFY(!bar()->killButton()->isEnabled());
        QTRY_VERIFY(bar()->answerText().contains(QLatin1String("KILLED")));
        // The answer follows the kill's flatten to its end, whole however long.
        QTRY_VERIFY2_WITH_TIMEOUT(bar()->answerText().startsWith(QLatin1String("KILLED (latched); flatten all: flat")),
                                  qPrintable(bar()->answerText()), 10'000);
        QCOMPARE(answer()->text(), bar()->answerText());
        save("killed");
        // The kill opened a level-3 incident; the reset waits for its sign-off, given in the
        // Incidents panel and confirmed in the control bar with its note.
        IncidentsPanel *incidents = m_window->incidentsPanel();
        QTRY_COMPARE(incidents->model()->holdingResume(), 1);
        for (const IncidentRow &row : incidents->model()->rows())
            if (row.holdsResume())
                QVERIFY(incidents->select(row.id));
        incidents->armSignOff();
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::SignOffIncident));
        fireWith(QStringLiteral("a drill, nothing to find"));
        QTRY_COMPARE(incidents->model()->holdingResume(), 0);
        QTRY_COMPARE(bar()->pauseButton()->text(), QStringLiteral("Resume…"));
        QTest::mouseClick(bar()->pauseButton(), Qt::LeftButton);
        // Enter before the acknowledgement is typed says it is required.
        QTest::keyClicks(bar()->reasonEdit(), QStringLiteral("drill over"));
        QTest::keyClick(bar()->reasonEdit(), Qt::Key_Return);
        QVERIFY2(bar()->answerText().contains(QLatin1String("acknowledgement is required")),
                 qPrintable(bar()->answerText()));
        QVERIFY(bar()->isArmed());
        fireWith(QString(), QStringLiteral("positions checked at the broker"));
        QTRY_COMPARE(int(engineState()), int(TradingState::Active));
        QTRY_COMPARE(bar()->pauseButton()->text(), QStringLiteral("Pause"));

        // Every strategy comes back stopped, and the console says so.
        const std::size_t count = m_engine->snapshot()->strategies.size();
        QVERIFY(count >= 2);
        QTRY_COMPARE(dockTitle("strategiesDock"), QStringLiteral("STRATEGIES · %1 stopped").arg(count));
        auto *view = m_window->findChild<QTableView *>(QStringLiteral("strategiesView"));
        QVERIFY(view->model()->index(0, 0).data().toString().endsWith(QStringLiteral(" · stopped")));
        auto *enable = m_window->findChild<QPushButton *>(QStringLiteral("enableStrategyButton"));
        QVERIFY(enable && enable->isVisible());
        save("reset");
        // Each enabled on its own: the others stay stopped until theirs.
        const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(view->model());
        const auto shownStopped = [this] {
            const auto &rows = m_window->strategiesModel()->rows();
            return static_cast<std::size_t>(
                std::count_if(rows.begin(), rows.end(), [](const StrategyRow &r) { return r.stopped; }));
        };
        for (std::size_t enabled = 1; enabled <= count; ++enabled) {
            int row = 0;
            while (row < view->model()->rowCount()
                   && !view->model()->index(row, 0).data().toString().endsWith(QStringLiteral(" · stopped")))
                ++row;
            QVERIFY(row < view->model()->rowCount());
            const QModelIndex index = view->model()->index(row, StrategiesModel::NameColumn);
            view->setCurrentIndex(index);
            const std::string key =
                m_window->strategiesModel()->rows()[static_cast<std::size_t>(proxy->mapToSource(index).row())].key;
            QVERIFY(stopped(key));
            QVERIFY(enable->isEnabled());
            QTest::mouseClick(enable, Qt::LeftButton);
            QCOMPARE(int(bar()->armedKind()), int(CommandKind::EnableStrategy));
            fireWith(QStringLiteral("watched on its own"));
            QTRY_VERIFY(!stopped(key));
            std::size_t stillStopped = 0;
            for (const StrategyRow &strategy : m_engine->snapshot()->strategies)
                stillStopped += strategy.stopped ? 1 : 0;
            QCOMPARE(stillStopped, count - enabled);
            QTRY_COMPARE(shownStopped(), count - enabled);
        }
        QTRY_VERIFY(!enable->isVisible());
    }

    void flattenEverythingFromTheMenu()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->snapshot()->positions.empty(), 60'000);
        QMenu *menu = bar()->flattenButton()->menu();
        QMetaObject::invokeMethod(menu, "aboutToShow");
        QVERIFY(!menu->actions().isEmpty());
        menu->actions().first()->trigger(); // "Everything"
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::Flatten));
        fireWith(QStringLiteral("end of test"));
        // The answer says what the engine says now, not what it said when it answered: whole.
        // (Only snapshots made after the command count: the kill's flatten was flat too.)
        QTRY_VERIFY2_WITH_TIMEOUT(
            bar()->answerText().startsWith(QLatin1String("flatten all: flat, confirmed by the broker's fills at")),
            qPrintable(bar()->answerText()), 10'000);
        QCOMPARE(answer()->text(), bar()->answerText());
        // The titles say none the moment the tables are empty, not a second later.
        m_window->refreshNow();
        QCOMPARE(m_window->positionsModel()->rowCount(), 0);
        QCOMPARE(dockTitle("positionsDock"), QStringLiteral("OPEN POSITIONS · 0 open"));
        QCOMPARE(dockTitle("ordersDock"), QStringLiteral("WORKING ORDERS · 0"));
        save("flat");
        QTRY_COMPARE(int(engineState()), int(TradingState::Paused));          // flatten all pauses
        QTRY_COMPARE(bar()->pauseButton()->text(), QStringLiteral("Resume")); // the button acts on what is shown
        QTest::mouseClick(bar()->pauseButton(), Qt::LeftButton);
        QCOMPARE(int(bar()->armedKind()), int(CommandKind::Resume));
        fireWith(QStringLiteral("flat, carry on"));
        QTRY_COMPARE(int(engineState()), int(TradingState::Active));
        QTRY_COMPARE(bar()->pauseButton()->text(), QStringLiteral("Pause"));
    }

    void maintenanceWithItsMessage()
    {
        QTest::mouseClick(bar()->maintenanceButton(), Qt::LeftButton);
        fireWith(QStringLiteral("broker upgrade until 11:00"));
        QTRY_COMPARE(int(engineState()), int(TradingState::Maintenance));
        QTRY_COMPARE(QString::fromStdString(m_engine->snapshot()->stateReason),
                     QStringLiteral("broker upgrade until 11:00"));
        QTRY_COMPARE(bar()->pauseButton()->text(), QStringLiteral("End maintenance"));
        save("maintenance");
        QTest::mouseClick(bar()->pauseButton(), Qt::LeftButton);
        fireWith(QStringLiteral("upgrade done"));
        QTRY_COMPARE(int(engineState()), int(TradingState::Active));
    }

    void cleanupTestCase()
    {
        m_engine->stop(); // before the window: no answer may arrive for it after this
        m_window.reset();
        m_engine.reset();
    }
};

QTEST_MAIN(TestUiControls)
#include "tst_ui_controls.moc"
