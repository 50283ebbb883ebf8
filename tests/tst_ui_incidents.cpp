// The console's Incidents panel against a running engine with a journal: a silent feed opens
// the feed's level-2 incident and the kill switch's level-3 one; the operator fills in the
// analysis in the panel's form (each field saved as its own journaled change, and shown back
// from the engine), adds a note, reads the timeline the panel builds from the journal, signs
// the incident off through the control bar, and exports it as Markdown. Resuming is refused
// before the sign-off and accepted after. VIGIL_UI_SHOTS=DIR saves the window as
// incidents-panel.png there.
#include "ControlBar.h"
#include "IncidentsModel.h"
#include "IncidentsPanel.h"
#include "MainWindow.h"
#include "api/Config.h"
#include "api/Engine.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

class TestUiIncidents : public QObject {
    Q_OBJECT

    static const IncidentRow *incidentOf(IncidentsModel *model, IncidentCause cause)
    {
        for (const IncidentRow &row : model->rows())
            if (row.cause == cause)
                return &row;
        return nullptr;
    }

    static bool timelineHas(QTableWidget *timeline, const QString &text)
    {
        for (int r = 0; r < timeline->rowCount(); ++r)
            if (timeline->item(r, 3) && timeline->item(r, 3)->text().contains(text))
                return true;
        return false;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void anIncidentIsAnalysedAndSignedOffInThePanel()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("journal.sqlite"));
        Config config = defaultConfig();
        FaultSpec silence;
        silence.kind = FaultKind::SilentFeed;
        silence.startSecondOfDay = 9 * 3600 + 31 * 60;
        silence.durationSeconds = 600;
        config.simulator.faults = {silence};
        RunOptions options;
        options.seed = 3;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 120;
        Engine engine(config, options);
        QCOMPARE(QString::fromStdString(engine.openJournal(journal.toStdString())), QString());
        MainWindow window([&engine] { return engine.snapshot(); },
                          [&engine](Command c, std::function<void(const CommandResult &)> done) {
                              engine.command(std::move(c), std::move(done));
                          });
        window.setIncidentJournal(journal);
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.incidentsDock()->raise();
        IncidentsPanel *panel = window.incidentsPanel();
        IncidentsModel *model = panel->model();
        engine.start();

        QTRY_VERIFY_WITH_TIMEOUT(incidentOf(model, IncidentCause::KillSwitch) != nullptr, 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(incidentOf(model, IncidentCause::FeedSilent) != nullptr, 10'000);
        const std::uint64_t id = incidentOf(model, IncidentCause::KillSwitch)->id;
        QCOMPARE(int(incidentOf(model, IncidentCause::FeedSilent)->severity), int(AlertSeverity::Warning));
        QVERIFY(window.incidentsDock()->windowTitle().contains(QStringLiteral("2 open")));
        QVERIFY(panel->select(id));
        QTRY_VERIFY_WITH_TIMEOUT(panel->editor(IncidentField::RootCause)->isEnabled(), 5'000);

        // Resuming now is refused: the level-3 incident is not signed off.
        QSignalSpy barAnswers(window.controlBar(), &ControlBar::answered);
        cmd::Resume resume;
        resume.actor = "tester";
        resume.reason = "back";
        resume.acknowledgement = "feed checked";
        window.controlBar()->arm(resume);
        QTest::keyClicks(window.controlBar()->reasonEdit(), QStringLiteral("feed back"));
        QTest::keyClicks(window.findChild<QLineEdit *>(QStringLiteral("acknowledgementEdit")),
                         QStringLiteral("feed checked"));
        QTest::mouseClick(window.controlBar()->fireButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(barAnswers.size(), qsizetype(1), 10'000);
        QVERIFY(!barAnswers.front().at(0).toBool());
        QVERIFY2(barAnswers.front().at(1).toString().contains(QStringLiteral("not signed off")),
                 qPrintable(barAnswers.front().at(1).toString()));

        // The analysis: two fields typed, saved, and back from the engine.
        QSignalSpy answers(panel, &IncidentsPanel::answered);
        panel->editor(IncidentField::Summary)->setPlainText(QStringLiteral("The feed stopped; the kill switch fired."));
        panel->editor(IncidentField::RootCause)
            ->setPlainText(QStringLiteral("The vendor's gateway hung for 10 minutes."));
        QVERIFY(panel->button(QStringLiteral("save"))->isEnabled());
        QCOMPARE(panel->saveAnalysis(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), qsizetype(2), 10'000);
        for (const QList<QVariant> &answer : answers)
            QVERIFY2(answer.at(0).toBool(), qPrintable(answer.at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(model->find(id)->analysis[1] == "The vendor's gateway hung for 10 minutes.", 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->button(QStringLiteral("save"))->isEnabled(), 5'000); // nothing left unsaved
        panel->addNote(QStringLiteral("Vendor confirmed by phone at 09:45."));
        QTRY_COMPARE_WITH_TIMEOUT(model->find(id)->notes.size(), std::size_t(1), 10'000);

        // The timeline, from the journal: the kill's state change, its alert and the note.
        panel->findChild<QTabWidget *>(QStringLiteral("incidentTabs"))->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(timelineHas(panel->timeline(), QStringLiteral("Vendor confirmed by phone")), 10'000);
        QVERIFY(timelineHas(panel->timeline(), QStringLiteral("kill switch fired automatically")));
        QVERIFY(timelineHas(panel->timeline(), QStringLiteral("KILLED")));
        if (const QString shots = qEnvironmentVariable("VIGIL_UI_SHOTS"); !shots.isEmpty())
            window.grab().save(shots + QStringLiteral("/incidents-timeline.png"));
        panel->findChild<QTabWidget *>(QStringLiteral("incidentTabs"))->setCurrentIndex(0);

        // Signed off through the control bar, where the note is the reason.
        QVERIFY(panel->button(QStringLiteral("signoff"))->isEnabled());
        QTest::mouseClick(panel->button(QStringLiteral("signoff")), Qt::LeftButton);
        QVERIFY(window.controlBar()->isArmed());
        QTest::keyClicks(window.controlBar()->reasonEdit(), QStringLiteral("cause known; vendor fixed it"));
        QTest::mouseClick(window.controlBar()->fireButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(barAnswers.size(), qsizetype(2), 10'000);
        QVERIFY2(barAnswers.at(1).at(0).toBool(), qPrintable(barAnswers.at(1).at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!model->find(id)->open(), 10'000);
        QVERIFY(model->find(id)->signedOffBy.find("(console)") != std::string::npos);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->editor(IncidentField::RootCause)->isEnabled(), 5'000);
        QVERIFY(!panel->button(QStringLiteral("signoff"))->isEnabled());

        // Exported as Markdown from the panel.
        QSignalSpy exported(panel, &IncidentsPanel::exported);
        const QString markdown = dir.filePath(QStringLiteral("incident.md"));
        panel->exportTo(markdown);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), qsizetype(1), 10'000);
        QCOMPARE(exported.front().at(1).toString(), QString());
        QFile file(markdown);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("The vendor's gateway hung for 10 minutes.")));
        QVERIFY(text.contains(QStringLiteral("cause known; vendor fixed it")));

        if (const QString shots = qEnvironmentVariable("VIGIL_UI_SHOTS"); !shots.isEmpty())
            window.grab().save(shots + QStringLiteral("/incidents-panel.png"));

        // Now the resume goes through.
        window.controlBar()->arm(resume);
        QTest::keyClicks(window.controlBar()->reasonEdit(), QStringLiteral("feed back"));
        QTest::keyClicks(window.findChild<QLineEdit *>(QStringLiteral("acknowledgementEdit")),
                         QStringLiteral("feed checked"));
        QTest::mouseClick(window.controlBar()->fireButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(barAnswers.size(), qsizetype(3), 10'000);
        QVERIFY2(barAnswers.at(2).at(0).toBool(), qPrintable(barAnswers.at(2).at(1).toString()));
        engine.stop();
    }
};

QTEST_MAIN(TestUiIncidents)
#include "tst_ui_incidents.moc"
