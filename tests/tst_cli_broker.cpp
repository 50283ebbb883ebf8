// The real vigil binary: `vigil broker set-keys|keys|delete-keys`, Alpaca's keys in the OS
// keyring. Each keyring run has a D-Bus session and a Secret Service of its own (dbus-run-
// session and gnome-keyring, unlocked with a test password; its files under the test's
// home), so nothing touches the user's keyring. Proven: without a D-Bus session set-keys is
// a clear error naming the alternative; set-keys stores, keys shows "keyring" and the key id
// masked, delete-keys removes, paper and live are separate entries; the environment's
// variables win over the keyring and one of the two alone is an error; the secret is never
// an argument and appears nowhere: not in any output, not in any file under the home.
#include "VigilProcess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr const char *kKeyId = "PKVIGILTEST7QX2M4A9Z";
constexpr const char *kSecret = "sEcReT9vigilTEST0aLpAcA4kEyRiNg2zQ8wXy5u";
constexpr const char *kOtherKeyId = "AKENVIRONMENTKEY0042";
constexpr const char *kOtherSecret = "eNvSeCrEt7vigilTEST3nOtInThEkEyRiNg9x1";

QString q(const char *text) { return QString::fromLatin1(text); }

} // namespace

class TestCliBroker : public QObject {
    Q_OBJECT

    using Run = vigil::testing::VigilRun;

    QTemporaryDir m_home;

    /// The test's environment: no Alpaca variables, no display and no session bus of the
    /// caller's; the data, configuration and runtime directories (where a default bus
    /// could be found) and HOME in the test's home.
    QProcessEnvironment environment(const QProcessEnvironment &extra) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY"})
            env.remove(q(name));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
        env.insert(extra);
        return env;
    }

    /// vigil with no D-Bus session at all.
    Run withoutBus(const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &extra = {})
    {
        QProcess p;
        p.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        p.setArguments(args);
        return finish(p, environment(extra), input);
    }

    /// vigil inside a D-Bus session of its own with gnome-keyring's Secret Service, unlocked
    /// (the keyring's files stay in the test's XDG_DATA_HOME from one run to the next).
    Run withKeyring(const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &extra = {})
    {
        QProcess p;
        p.setProgram(QStringLiteral("dbus-run-session"));
        p.setArguments(QStringList{QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                   QStringLiteral("printf %s keyring-test-password | gnome-keyring-daemon --unlock "
                                                  "--components=secrets >/dev/null 2>&1; exec \"$@\""),
                                   QStringLiteral("sh"), qEnvironmentVariable("VIGIL_BINARY")}
                       + args);
        return finish(p, environment(extra), input);
    }

    static Run finish(QProcess &p, const QProcessEnvironment &env, const QByteArray &input)
    {
        p.setProcessEnvironment(env);
        p.start();
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60'000))
            p.kill();
        const bool normal = p.exitStatus() == QProcess::NormalExit;
        return {normal ? p.exitCode() : -1, !normal, QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    static QStringList broker(const QStringList &words) { return QStringList{QStringLiteral("broker")} + words; }
    static QByteArray keyLines(const char *keyId, const char *secret)
    {
        return QByteArray(keyId) + '\n' + QByteArray(secret) + '\n';
    }
    static QString both(const Run &r) { return r.out + r.err; }
    static void expectNoSecret(const Run &r)
    {
        for (const char *secret : {kSecret, kOtherSecret})
            QVERIFY2(!both(r).contains(q(secret)), qPrintable(QStringLiteral("a secret was printed:\n") + both(r)));
    }

private Q_SLOTS:
    void initTestCase();
    void argumentsAreChecked();
    void noSessionBusIsAClearError();
    void keyringStoresShowsAndDeletes();
    void environmentWinsOverTheKeyring();
    void oneVariableOfTwoIsAnError();
    void configurationChoosesTheEnvironment();
    void secretIsInNoFile();
};

void TestCliBroker::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("run"))));
    QFile::setPermissions(m_home.filePath(QStringLiteral("run")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    for (const char *tool : {"dbus-run-session", "gnome-keyring-daemon"})
        QVERIFY2(!QStandardPaths::findExecutable(q(tool)).isEmpty(),
                 qPrintable(QStringLiteral("%1 is missing: packaging/install-deps.sh installs it").arg(q(tool))));
}

void TestCliBroker::argumentsAreChecked()
{
    // The secret as an argument: refused before anything is read, and not echoed back.
    const Run extra = withoutBus(broker({QStringLiteral("set-keys"), q(kSecret)}));
    QCOMPARE(extra.exitCode, 2);
    QVERIFY2(extra.err.contains(QStringLiteral("never from the command line")), qPrintable(extra.err));
    expectNoSecret(extra);
    const Run unknown = withoutBus(broker({QStringLiteral("rotate")}));
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("usage: vigil broker set-keys|keys|delete-keys")),
             qPrintable(unknown.err));
    const Run environment =
        withoutBus(broker({QStringLiteral("keys"), QStringLiteral("--environment"), QStringLiteral("demo")}));
    QCOMPARE(environment.exitCode, 2);
    QVERIFY2(environment.err.contains(QStringLiteral("'demo' is neither 'paper' nor 'live'")),
             qPrintable(environment.err));
    const Run elsewhere = withoutBus(
        {QStringLiteral("bot"), QStringLiteral("list"), QStringLiteral("--environment"), QStringLiteral("live")});
    QCOMPARE(elsewhere.exitCode, 2);
    QVERIFY2(elsewhere.err.contains(QStringLiteral("--environment goes with 'vigil broker'")),
             qPrintable(elsewhere.err));
    const Run help = withoutBus(broker({QStringLiteral("set-keys"), QStringLiteral("--help")}));
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.startsWith(QStringLiteral("usage: vigil broker set-keys")), qPrintable(help.out));
}

void TestCliBroker::noSessionBusIsAClearError()
{
    const Run stored =
        withoutBus(broker({QStringLiteral("set-keys"), QStringLiteral("--environment"), QStringLiteral("paper")}),
                   keyLines(kKeyId, kSecret));
    QCOMPARE(stored.exitCode, 1);
    QVERIFY2(stored.err.contains(QStringLiteral("the OS keyring is unreachable")), qPrintable(stored.err));
    QVERIFY2(stored.err.contains(QStringLiteral("no D-Bus session bus")), qPrintable(stored.err));
    QVERIFY2(stored.err.contains(QStringLiteral("APCA_API_KEY_ID and APCA_API_SECRET_KEY")), qPrintable(stored.err));
    expectNoSecret(stored);
    const Run shown = withoutBus(broker({QStringLiteral("keys")}));
    QCOMPARE(shown.exitCode, 1);
    QVERIFY2(shown.out.contains(QStringLiteral("paper keys: none")), qPrintable(shown.out));
    QVERIFY2(shown.err.contains(QStringLiteral("the OS keyring is unreachable")), qPrintable(shown.err));
    // Half a key pair on standard input stores nothing.
    const Run half = withoutBus(broker({QStringLiteral("set-keys")}), QByteArray(kKeyId) + '\n');
    QCOMPARE(half.exitCode, 2);
    QVERIFY2(half.err.contains(QStringLiteral("no secret")), qPrintable(half.err));
}

void TestCliBroker::keyringStoresShowsAndDeletes()
{
    const QStringList paper{QStringLiteral("--environment"), QStringLiteral("paper")};
    const QStringList live{QStringLiteral("--environment"), QStringLiteral("live")};
    const Run before = withKeyring(broker(QStringList{QStringLiteral("keys")} + paper));
    QCOMPARE(before.exitCode, 1);
    QVERIFY2(before.out.contains(QStringLiteral("paper keys: none")), qPrintable(both(before)));
    QVERIFY2(before.err.contains(QStringLiteral("no paper keys")), qPrintable(before.err));

    const Run stored = withKeyring(broker(QStringList{QStringLiteral("set-keys")} + paper), keyLines(kKeyId, kSecret));
    QVERIFY2(stored.exitCode == 0, qPrintable(both(stored)));
    QVERIFY2(stored.out.contains(QStringLiteral("stored the paper keys in the OS keyring")), qPrintable(stored.out));
    QVERIFY2(stored.out.contains(QStringLiteral("PKVI… (20 characters)")), qPrintable(stored.out));
    expectNoSecret(stored);
    QVERIFY2(!both(stored).contains(q(kKeyId)), qPrintable(both(stored))); // masked, never whole

    const Run shown = withKeyring(broker(QStringList{QStringLiteral("keys")} + paper));
    QVERIFY2(shown.exitCode == 0, qPrintable(both(shown)));
    QVERIFY2(shown.out.contains(QStringLiteral("paper keys: keyring")), qPrintable(shown.out));
    QVERIFY2(shown.out.contains(QStringLiteral("key id: PKVI… (20 characters)")), qPrintable(shown.out));
    QVERIFY2(!both(shown).contains(q(kKeyId)), qPrintable(both(shown)));
    expectNoSecret(shown);

    // Live is an entry of its own: still empty.
    const Run liveShown = withKeyring(broker(QStringList{QStringLiteral("keys")} + live));
    QCOMPARE(liveShown.exitCode, 1);
    QVERIFY2(liveShown.out.contains(QStringLiteral("live keys: none")), qPrintable(both(liveShown)));

    const Run deleted = withKeyring(broker(QStringList{QStringLiteral("delete-keys")} + paper));
    QVERIFY2(deleted.exitCode == 0, qPrintable(both(deleted)));
    const Run after = withKeyring(broker(QStringList{QStringLiteral("keys")} + paper));
    QCOMPARE(after.exitCode, 1);
    QVERIFY2(after.out.contains(QStringLiteral("paper keys: none")), qPrintable(both(after)));
    // Deleting what is not there is not an error.
    const Run again = withKeyring(broker(QStringList{QStringLiteral("delete-keys")} + paper));
    QVERIFY2(again.exitCode == 0, qPrintable(both(again)));
}

void TestCliBroker::environmentWinsOverTheKeyring()
{
    const Run stored = withKeyring(broker({QStringLiteral("set-keys")}), keyLines(kKeyId, kSecret));
    QVERIFY2(stored.exitCode == 0, qPrintable(both(stored)));
    QProcessEnvironment variables;
    variables.insert(QStringLiteral("APCA_API_KEY_ID"), q(kOtherKeyId));
    variables.insert(QStringLiteral("APCA_API_SECRET_KEY"), q(kOtherSecret));
    const Run shown = withKeyring(broker({QStringLiteral("keys")}), {}, variables);
    QVERIFY2(shown.exitCode == 0, qPrintable(both(shown)));
    QVERIFY2(shown.out.contains(QStringLiteral("paper keys: environment")), qPrintable(shown.out));
    QVERIFY2(shown.out.contains(QStringLiteral("key id: AKEN… (20 characters)")), qPrintable(shown.out));
    expectNoSecret(shown);
    // Without a keyring at all the variables are enough (a headless server).
    const Run headless = withoutBus(broker({QStringLiteral("keys")}), {}, variables);
    QVERIFY2(headless.exitCode == 0, qPrintable(both(headless)));
    QVERIFY2(headless.out.contains(QStringLiteral("paper keys: environment")), qPrintable(headless.out));
    QVERIFY(withKeyring(broker({QStringLiteral("delete-keys")})).exitCode == 0);
}

void TestCliBroker::oneVariableOfTwoIsAnError()
{
    const Run stored = withKeyring(broker({QStringLiteral("set-keys")}), keyLines(kKeyId, kSecret));
    QVERIFY2(stored.exitCode == 0, qPrintable(both(stored)));
    const std::pair<const char *, const char *> halves[] = {{"APCA_API_KEY_ID", "APCA_API_SECRET_KEY"},
                                                            {"APCA_API_SECRET_KEY", "APCA_API_KEY_ID"}};
    for (const auto &[set, missing] : halves) {
        QProcessEnvironment variables;
        variables.insert(q(set), q(set) == QStringLiteral("APCA_API_KEY_ID") ? q(kOtherKeyId) : q(kOtherSecret));
        // Not the keyring's keys in its place: the operator meant the variables.
        const Run shown = withKeyring(broker({QStringLiteral("keys")}), {}, variables);
        QCOMPARE(shown.exitCode, 1);
        QVERIFY2(shown.err.contains(QStringLiteral("%1 is set but %2 is not").arg(q(set), q(missing))),
                 qPrintable(both(shown)));
        QVERIFY2(!shown.out.contains(QStringLiteral("keyring")), qPrintable(shown.out));
        expectNoSecret(shown);
    }
    QVERIFY(withKeyring(broker({QStringLiteral("delete-keys")})).exitCode == 0);
}

void TestCliBroker::configurationChoosesTheEnvironment()
{
    const QString config = m_home.filePath(QStringLiteral("live.toml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[venue]\nkind = \"alpaca\"\nenvironment = \"live\"\nlive_trading = \"real money\"\n");
    file.close();
    const QStringList withConfig{QStringLiteral("--config"), config};
    const Run stored =
        withKeyring(broker(QStringList{QStringLiteral("set-keys")} + withConfig), keyLines(kKeyId, kSecret));
    QVERIFY2(stored.exitCode == 0, qPrintable(both(stored)));
    QVERIFY2(stored.out.contains(QStringLiteral("stored the live keys")), qPrintable(stored.out));
    const Run live =
        withKeyring(broker({QStringLiteral("keys"), QStringLiteral("--environment"), QStringLiteral("live")}));
    QVERIFY2(live.exitCode == 0 && live.out.contains(QStringLiteral("live keys: keyring")), qPrintable(both(live)));
    const Run paper = withKeyring(broker({QStringLiteral("keys")})); // no configuration: paper
    QCOMPARE(paper.exitCode, 1);
    QVERIFY(withKeyring(broker(QStringList{QStringLiteral("delete-keys")} + withConfig)).exitCode == 0);
}

void TestCliBroker::secretIsInNoFile()
{
    // After every store above (and one left in place now), no file under the test's home
    // (the data and configuration homes, the keyring's own files, the runtime directory)
    // holds either secret in the clear.
    const Run stored = withKeyring(broker({QStringLiteral("set-keys")}), keyLines(kKeyId, kSecret));
    QVERIFY2(stored.exitCode == 0, qPrintable(both(stored)));
    int files = 0;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        ++files;
        const QByteArray content = f.readAll();
        for (const char *secret : {kSecret, kOtherSecret})
            QVERIFY2(!content.contains(secret), qPrintable(QStringLiteral("a secret is in %1").arg(path)));
    }
    QVERIFY2(files > 0, "the keyring left no file: nothing was checked");
    const Run shown = withKeyring(broker({QStringLiteral("keys")}));
    QVERIFY2(shown.exitCode == 0 && shown.out.contains(QStringLiteral("keyring")), qPrintable(both(shown)));
}

QTEST_GUILESS_MAIN(TestCliBroker)
#include "tst_cli_broker.moc"
