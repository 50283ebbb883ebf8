// The console and a real broker's account: the header shows a red LIVE for Alpaca's live
// account at all times, a calm PAPER for its paper account, nothing new for the simulator;
// Broker > Broker keys… stores the key id and the secret in a real Secret Service (a D-Bus
// session and gnome-keyring of the test's own) off the GUI thread, shows the outcome and
// empties the secret field. VIGIL_GRAB_DIR, when set, receives pictures of the header.
#include "BrokerKeysDialog.h"
#include "HeaderStrip.h"
#include "MainWindow.h"
#include "api/BrokerKeys.h"
#include "api/Config.h"
#include "api/Time.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/prctl.h>

#include <csignal>

using namespace vigil;

namespace {

std::shared_ptr<const Snapshot> openSession(TradingState state)
{
    auto snapshot = std::make_shared<Snapshot>();
    const Date date{2026, 11, 20};
    const SessionWindow session = sessionFor(date);
    snapshot->version = 1 + static_cast<std::uint64_t>(state);
    snapshot->phase = SessionPhase::Open;
    snapshot->tradingState = state;
    snapshot->sessionDate = date.toIso();
    snapshot->simTime = session.at(10, 15);
    snapshot->simClock = session.clockText(snapshot->simTime);
    snapshot->speed = 1;
    snapshot->startingEquity = Money::fromDollars(100'000);
    snapshot->equity = snapshot->startingEquity;
    snapshot->highWaterMark = snapshot->equity;
    return snapshot;
}

VenueConfig alpaca(AlpacaEnvironment environment)
{
    VenueConfig venue;
    venue.kind = VenueKind::Alpaca;
    venue.alpaca.environment = environment;
    venue.alpaca.liveConfirmed = environment == AlpacaEnvironment::Live;
    return venue;
}

QLabel *venueBadge(const MainWindow &window)
{
    return window.headerStrip()->findChild<QLabel *>(QStringLiteral("venueBadge"));
}

void grab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("VIGIL_GRAB_DIR");
    if (!dir.isEmpty())
        widget->grab().save(QDir(dir).filePath(name));
}

} // namespace

class TestUiBroker : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    /// Never deleted, never stopped by the test: GIO's session connection (libsecret's)
    /// raises SIGTERM in a process whose bus goes away. The bus dies with this process
    /// instead (PR_SET_PDEATHSIG), and the keyring's daemon with the bus.
    QProcess *m_bus = nullptr;

private Q_SLOTS:
    void initTestCase();
    void liveAccountShowsLiveAtAllTimes();
    void paperAccountAndSimulator();
    void keysDialogStoresOffTheGuiThread();
    void keysDialogShowsARefusal();
};

void TestUiBroker::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("vigil-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_broker"));
    QSettings().clear();
    qunsetenv("APCA_API_KEY_ID");
    qunsetenv("APCA_API_SECRET_KEY");
    // A session bus and a Secret Service of the test's own, their files in the temporary
    // home; the address is set before anything in this process asks for the session bus.
    QVERIFY(m_home.isValid());
    const QString run = m_home.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(run));
    QFile::setPermissions(run, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), run);
    m_bus = new QProcess;
    m_bus->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_bus->setProcessEnvironment(env);
    m_bus->start(QStringLiteral("dbus-daemon"),
                 {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
    QVERIFY2(m_bus->waitForStarted(10'000), "dbus-daemon did not start: packaging/install-deps.sh installs dbus");
    QTRY_VERIFY_WITH_TIMEOUT(m_bus->canReadLine(), 10'000);
    const QByteArray address = m_bus->readLine().trimmed();
    QVERIFY(!address.isEmpty());
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(address));
    QProcess keyring;
    keyring.setProcessEnvironment(env);
    keyring.start(QStringLiteral("gnome-keyring-daemon"),
                  {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    QVERIFY2(keyring.waitForStarted(10'000),
             "gnome-keyring-daemon did not start: packaging/install-deps.sh installs it");
    keyring.write("keyring-test-password");
    keyring.closeWriteChannel();
    QVERIFY(keyring.waitForFinished(20'000)); // it forks its daemon and returns
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
}

void TestUiBroker::liveAccountShowsLiveAtAllTimes()
{
    std::shared_ptr<const Snapshot> current = openSession(TradingState::Active);
    MainWindow window([&current] { return current; });
    window.setVenue(alpaca(AlpacaEnvironment::Live));
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    HeaderStrip *header = window.headerStrip();
    QLabel *badge = venueBadge(window);
    QVERIFY(badge);
    // Whatever the trading state, the word stays, red, in sight within the header.
    for (const TradingState state : {TradingState::Active, TradingState::Paused, TradingState::Halted,
                                     TradingState::Killed, TradingState::Maintenance}) {
        current = openSession(state);
        window.refreshNow();
        QCOMPARE(header->venueText(), QStringLiteral("LIVE"));
        QCOMPARE(header->venueTone(), theme::Tone::Loss);
        QVERIFY(badge->isVisible());
        const QRect inHeader(badge->mapTo(header, QPoint(0, 0)), badge->size());
        QVERIFY2(header->rect().contains(inHeader), "the LIVE badge is cut off");
    }
    QVERIFY2(window.headerStrip()
                 ->findChild<QLabel *>(QStringLiteral("fieldDetail"))
                 ->text()
                 .contains(QStringLiteral("real money")),
             "the line under LIVE names real money");
    current = openSession(TradingState::Active);
    window.refreshNow();
    grab(window.headerStrip(), QStringLiteral("header-alpaca-live.png"));
}

void TestUiBroker::paperAccountAndSimulator()
{
    std::shared_ptr<const Snapshot> current = openSession(TradingState::Active);
    MainWindow window([&current] { return current; });
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.refreshNow();
    // The simulator (the default): nothing new.
    QVERIFY(window.headerStrip()->venueText().isEmpty());
    QVERIFY(!venueBadge(window)->isVisible());
    const QString simulatorSpeed = window.headerStrip()->speedText();
    window.setVenue(alpaca(AlpacaEnvironment::Paper));
    window.refreshNow();
    QCOMPARE(window.headerStrip()->venueText(), QStringLiteral("PAPER"));
    QCOMPARE(window.headerStrip()->venueTone(), theme::Tone::Neutral);
    // No simulator's speed on a real broker: its clock sets the pace.
    QCOMPARE(window.headerStrip()->speedText(), QStringLiteral("broker"));
    QVERIFY(venueBadge(window)->isVisible());
    grab(window.headerStrip(), QStringLiteral("header-alpaca-paper.png"));
    window.setVenue(VenueConfig{});
    window.refreshNow();
    QVERIFY(window.headerStrip()->venueText().isEmpty());
    QVERIFY(!venueBadge(window)->isVisible());
    QCOMPARE(window.headerStrip()->speedText(), simulatorSpeed);
}

void TestUiBroker::keysDialogStoresOffTheGuiThread()
{
    const char *keyId = "PKDIALOGTEST00000042";
    const char *secret = "dIaLoGsEcReT7vigilTEST1234567890abcdef";
    QVERIFY(deleteBrokerKeys(AlpacaEnvironment::Live).empty());
    BrokerKeysDialog dialog(AlpacaEnvironment::Live);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *id = dialog.findChild<QLineEdit *>(QStringLiteral("keyId"));
    auto *secretField = dialog.findChild<QLineEdit *>(QStringLiteral("secret"));
    auto *store = dialog.findChild<QPushButton *>(QStringLiteral("store"));
    QVERIFY(id && secretField && store);
    QCOMPARE(secretField->echoMode(), QLineEdit::Password);
    QVERIFY(!store->isEnabled()); // nothing typed yet
    QTest::keyClicks(id, QString::fromLatin1(keyId));
    QTest::keyClicks(secretField, QString::fromLatin1(secret));
    QVERIFY(store->isEnabled());
    QTest::mouseClick(store, Qt::LeftButton);
    // The click returned before the keyring answered: the answer comes through the event
    // loop, so a store run on the GUI thread would already be over here.
    QVERIFY(dialog.isStoring());
    QVERIFY(secretField->text().isEmpty());
    QVERIFY(!store->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isStoring(), 30'000);
    QVERIFY2(dialog.outcomeText().startsWith(QStringLiteral("Stored the live keys in the OS keyring: key id PKDI…")),
             qPrintable(dialog.outcomeText()));
    QVERIFY(!dialog.outcomeText().contains(QString::fromLatin1(secret)));
    grab(&dialog, QStringLiteral("broker-keys-dialog.png"));
    QVERIFY(secretField->text().isEmpty());

    const BrokerKeyLookup lookup = loadBrokerKeys(AlpacaEnvironment::Live);
    QVERIFY2(lookup.error.empty(), lookup.error.c_str());
    QCOMPARE(int(lookup.source), int(BrokerKeySource::Keyring));
    QCOMPARE(lookup.keys.keyId, std::string(keyId));
    QCOMPARE(lookup.keys.secret, std::string(secret));
    QCOMPARE(int(loadBrokerKeys(AlpacaEnvironment::Paper).source), int(BrokerKeySource::None));
    QVERIFY(deleteBrokerKeys(AlpacaEnvironment::Live).empty());
    QCOMPARE(int(loadBrokerKeys(AlpacaEnvironment::Live).source), int(BrokerKeySource::None));
}

void TestUiBroker::keysDialogShowsARefusal()
{
    // Opened from the menu, on the configuration's account.
    std::shared_ptr<const Snapshot> current = openSession(TradingState::Active);
    MainWindow window([&current] { return current; });
    window.setVenue(alpaca(AlpacaEnvironment::Paper));
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("brokerKeysAction"));
    QVERIFY(action);
    action->trigger();
    BrokerKeysDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<BrokerKeysDialog *>()) && dialog->isVisible());
    auto *id = dialog->findChild<QLineEdit *>(QStringLiteral("keyId"));
    auto *secretField = dialog->findChild<QLineEdit *>(QStringLiteral("secret"));
    QTest::keyClicks(id, QStringLiteral("PK WITH SPACE"));
    QTest::keyClicks(secretField, QStringLiteral("refusedSecret123"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("store")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isStoring(), 30'000);
    QVERIFY2(dialog->outcomeText().startsWith(QStringLiteral("The paper keys were not stored: the key id must be")),
             qPrintable(dialog->outcomeText()));
    QVERIFY(!dialog->outcomeText().contains(QStringLiteral("refusedSecret123")));
    grab(dialog, QStringLiteral("broker-keys-refused.png"));
    QVERIFY(secretField->text().isEmpty());
    QCOMPARE(int(loadBrokerKeys(AlpacaEnvironment::Paper).source), int(BrokerKeySource::None));
}

QTEST_MAIN(TestUiBroker)
#include "tst_ui_broker.moc"
