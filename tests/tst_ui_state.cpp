// What the console says about the trading state and what it lets the operator do, from
// hand-made snapshots: the badge says who set the state, when and why; after the close it
// says CLOSED and nothing can be armed; no control has the keyboard focus at start-up;
// Enter with the acknowledgement empty says it is required; quitting during an open session
// asks first and says what happens to the working orders. Screenshots of the badge go to
// tests/artifacts/ in the build directory.

#include "ControlBar.h"
#include "HeaderStrip.h"
#include "MainWindow.h"

#include "SnapshotRows.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>
#include <vector>

using namespace vigil;
using vigil::testing::position;

namespace {

const Date kSessionDate{2026, 11, 20};

std::shared_ptr<Snapshot> session(std::uint64_t version, SessionPhase phase = SessionPhase::Open)
{
    auto s = std::make_shared<Snapshot>();
    const SessionWindow window = sessionFor(kSessionDate);
    s->version = version;
    s->phase = phase;
    s->sessionDate = kSessionDate.toIso();
    s->simTime = window.at(10, 38) + 28 * kNsPerSecond;
    s->simClock = window.clockText(s->simTime);
    s->speed = 60;
    s->startingEquity = Money::fromDollars(1'000'000);
    s->equity = s->startingEquity;
    s->positions = {position("AAPL", 120, 18942, 19107), position("MSFT", -30, 41510, 41844)};
    s->workingOrders = 3;
    return s;
}

/// The commands a control bar or window sends, answered at once with "done".
struct Sink {
    std::vector<Command> sent;
    ControlBar::CommandSink sink()
    {
        return [this](Command c, std::function<void(const CommandResult &)> done) {
            sent.push_back(c);
            CommandResult r;
            r.ok = true;
            r.message = "done";
            if (done)
                done(r);
        };
    }
};

/// Runs `look` on the first modal dialog that opens in the next second (after the call
/// that opens it).
void onNextModal(std::function<void(QWidget *)> look, int tries = 100)
{
    QTimer::singleShot(10, [look, tries] {
        if (QWidget *modal = QApplication::activeModalWidget())
            look(modal);
        else if (tries > 0) // not up yet: look again
            onNextModal(look, tries - 1);
    });
}

/// Who set the state and why, as shown beside the badge.
QString origin(const HeaderStrip &header)
{
    const auto *who = header.findChild<QLabel *>(QStringLiteral("stateOrigin"));
    const auto *why = header.findChild<QLabel *>(QStringLiteral("stateReason"));
    if (!who || !why)
        return QStringLiteral("(not shown)");
    return why->text().isEmpty() ? who->text() : who->text() + QStringLiteral(": ") + why->text();
}

QString saved(QWidget *widget, const QString &name)
{
    const QString dir = QDir::current().filePath(QStringLiteral("artifacts"));
    QDir().mkpath(dir);
    const QString file = dir + QLatin1Char('/') + name;
    return widget->grab().save(file) ? file : QString();
}

} // namespace

class TestUiState : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theBadgeSaysWhoWhenAndWhy()
    {
        HeaderStrip header;
        header.resize(1366, header.sizeHint().height());
        header.show();
        QVERIFY(QTest::qWaitForWindowExposed(&header));
        auto s = session(1);
        header.applySnapshot(*s);
        QCOMPARE(header.stateText(), QStringLiteral("ACTIVE"));
        QCOMPARE(origin(header), QStringLiteral("since the start of the session"));

        const SessionWindow window = sessionFor(kSessionDate);
        s = session(2);
        s->tradingState = TradingState::Halted;
        s->stateActor = "alice (console)";
        s->stateReason = "broker slow: acks over 2 s";
        s->stateSince = window.at(10, 38) + 28 * kNsPerSecond;
        header.applySnapshot(*s);
        QCOMPARE(header.stateText(), QStringLiteral("HALTED"));
        QCOMPARE(origin(header), QStringLiteral("at 10:38:28 by alice (console): broker slow: acks over 2 s"));
        QVERIFY(!saved(&header, QStringLiteral("state-badge-halted.png")).isEmpty());

        // A reason of a paragraph: its start beside the badge, the whole in the tool tip; the
        // strip keeps its height.
        const int height = header.sizeHint().height();
        s->stateReason = std::string(300, 'x');
        header.applySnapshot(*s);
        auto *reason = header.findChild<QLabel *>(QStringLiteral("stateReason"));
        QVERIFY(reason->text().endsWith(QChar(0x2026)));
        QCOMPARE(reason->toolTip().size(), 300);
        QCOMPARE(header.sizeHint().height(), height);
    }

    void afterTheCloseTheBadgeSaysClosedAndNothingArms()
    {
        Sink sink;
        std::shared_ptr<const Snapshot> current = session(1);
        MainWindow window([&current] { return current; }, sink.sink());
        window.refreshNow();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        HeaderStrip *header = window.headerStrip();
        ControlBar *bar = window.controlBar();
        QVERIFY(bar->pauseButton()->isEnabled());
        QVERIFY(bar->flattenButton()->isEnabled());
        bar->arm(CommandKind::Flatten); // armed at the close: disarmed by it
        QVERIFY(bar->isArmed());

        auto closed = session(2, SessionPhase::Closed);
        closed->stateActor = "system";
        closed->stateReason = "start";
        current = closed;
        window.refreshNow();
        QCOMPARE(header->stateText(), QStringLiteral("CLOSED"));
        QVERIFY2(header->stateDetailText().startsWith(QLatin1String("Session over")),
                 qPrintable(header->stateDetailText()));
        QVERIFY2(origin(*header).startsWith(QLatin1String("Left ACTIVE since")), qPrintable(origin(*header)));
        QCOMPARE(header->findChild<QLabel *>(QStringLiteral("stateBadge"))->property("tone").toByteArray(),
                 QByteArray("muted"));
        QVERIFY(!bar->isArmed());
        QVERIFY(!window.drillsMenu()->isEnabled());
        for (QAbstractButton *control :
             std::initializer_list<QAbstractButton *>{bar->pauseButton(), bar->haltButton(), bar->flattenButton(),
                                                      bar->maintenanceButton(), bar->killButton()})
            QVERIFY2(!control->isEnabled(), qPrintable(control->text()));
        // Nothing arms, whichever way it is asked (the kill switch's shortcut calls arm()).
        bar->arm(CommandKind::Kill);
        bar->arm(CommandKind::Flatten);
        QVERIFY(!bar->isArmed());
        QVERIFY2(bar->answerText().contains(QLatin1String("session is over")), qPrintable(bar->answerText()));
        QVERIFY(sink.sent.empty());

        QVERIFY(!saved(&window, QStringLiteral("console-closed.png")).isEmpty());
    }

    void noControlHasTheFocusAtStartUp()
    {
        Sink sink;
        auto s = session(1);
        MainWindow window([s] { return s; }, sink.sink());
        window.refreshNow(); // the dashboard is up before the window is activated, as at a start
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QVERIFY2(!qobject_cast<QAbstractButton *>(focus) && !qobject_cast<QLineEdit *>(focus),
                 focus->metaObject()->className());
        // A stray Space, then text typed for somewhere else: nothing armed, nothing sent.
        QTest::keyClick(focus, Qt::Key_Space);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("lunch order"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QVERIFY(!window.controlBar()->isArmed());
        QVERIFY(sink.sent.empty());

        // After a command the focus leaves the strip for no control either.
        QTest::mouseClick(window.controlBar()->pauseButton(), Qt::LeftButton);
        QVERIFY(window.controlBar()->reasonEdit()->hasFocus());
        QTest::keyClicks(window.controlBar()->reasonEdit(), QStringLiteral("news"));
        QTest::keyClick(window.controlBar()->reasonEdit(), Qt::Key_Return);
        QCOMPARE(int(sink.sent.size()), 1);
        focus = QApplication::focusWidget();
        QVERIFY(focus);
        QVERIFY2(!qobject_cast<QAbstractButton *>(focus) && !qobject_cast<QLineEdit *>(focus),
                 focus->metaObject()->className());
        QTest::keyClick(focus, Qt::Key_Space);
        QVERIFY(!window.controlBar()->isArmed());
    }

    void enterWithoutTheAcknowledgementSaysItIsRequired()
    {
        Sink sink;
        ControlBar bar(sink.sink(), QStringLiteral("tester (console)"));
        auto killed = session(1);
        killed->tradingState = TradingState::Killed;
        bar.applySnapshot(*killed);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QTest::mouseClick(bar.pauseButton(), Qt::LeftButton);
        QCOMPARE(int(bar.armedKind()), int(CommandKind::Resume));
        // Enter with nothing typed: the reason is asked for.
        QTest::keyClick(bar.reasonEdit(), Qt::Key_Return);
        QVERIFY2(bar.answerText().contains(QLatin1String("reason is required")), qPrintable(bar.answerText()));
        QTest::keyClicks(bar.reasonEdit(), QStringLiteral("drawdown reviewed"));
        QTest::keyClick(bar.reasonEdit(), Qt::Key_Return);
        QVERIFY2(bar.answerText().contains(QLatin1String("acknowledgement is required")), qPrintable(bar.answerText()));
        QVERIFY(bar.acknowledgementEdit()->hasFocus()); // where it is to be typed
        QTest::keyClicks(bar.acknowledgementEdit(), QStringLiteral("  "));
        QTest::keyClick(bar.acknowledgementEdit(), Qt::Key_Return);
        QVERIFY2(bar.answerText().contains(QLatin1String("acknowledgement is required")), qPrintable(bar.answerText()));
        QVERIFY(bar.isArmed());
        QVERIFY(sink.sent.empty());
        QTest::keyClicks(bar.acknowledgementEdit(), QStringLiteral("positions checked at the broker"));
        QTest::keyClick(bar.acknowledgementEdit(), Qt::Key_Return);
        QCOMPARE(int(sink.sent.size()), 1);
        QCOMPARE(std::get<cmd::Resume>(sink.sent.front()).acknowledgement,
                 std::string("positions checked at the broker"));
    }

    void quittingDuringTheSessionAsksAndSaysWhatHappensToTheOrders()
    {
        Sink sink;
        std::shared_ptr<const Snapshot> current = session(1);
        MainWindow window([&current] { return current; }, sink.sink());
        window.refreshNow();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // File > Quit: asked, and told; Cancel keeps the console.
        QAction *quit = nullptr;
        for (QAction *menu : window.menuBar()->actions())
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (a->text() == QLatin1String("&Quit"))
                        quit = a;
        QVERIFY(quit);
        QString text, informative;
        onNextModal([&](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            text = box->text();
            informative = box->informativeText();
            box->button(QMessageBox::Cancel)->click();
        });
        quit->trigger();
        QVERIFY(window.isVisible());
        QVERIFY2(text.contains(QLatin1String("is open")), qPrintable(text));
        QVERIFY2(informative.contains(QLatin1String("cancels nothing")), qPrintable(informative));
        QVERIFY2(informative.contains(QLatin1String("3 working order(s) stay at the broker")), qPrintable(informative));
        QVERIFY2(informative.contains(QLatin1String("2 position(s) stay open")), qPrintable(informative));

        // Closing the window asks the same; this time the answer is to quit.
        text.clear();
        onNextModal([&](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            text = box->text();
            box->findChild<QPushButton *>(QStringLiteral("quitAnyway"))->click();
        });
        QVERIFY(window.close());
        QVERIFY(text.contains(QLatin1String("is open")));
        QVERIFY(!window.isVisible());
        QVERIFY(sink.sent.empty()); // quitting itself sends nothing

        // After the close there is nothing to lose: no question.
        current = session(2, SessionPhase::Closed);
        window.show();
        window.refreshNow();
        bool asked = false;
        QTimer guard; // a question would block close(): answer it, and fail
        guard.setInterval(50);
        connect(&guard, &QTimer::timeout, this, [&asked] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = true;
                box->button(QMessageBox::Cancel)->click();
            }
        });
        guard.start();
        window.close();
        guard.stop();
        QVERIFY(!asked);
        QVERIFY(!window.isVisible());
    }
};

QTEST_MAIN(TestUiState)
#include "tst_ui_state.moc"
