// The real vigil binary: `vigil bot add|list|revoke`. A key is printed once and only its
// hash is kept (no file under the data directory holds the secret); the key authenticates
// in another process (this one's BotKeyStore, as the gateway's would) until `vigil bot
// revoke` revokes it; exit codes; a malformed key file is an error naming it; each add and
// revoke is an operator's record in the audit trail, whose chain still holds, and a vigil
// started afterwards continues it.
#include "SqlFiles.h"
#include "VigilProcess.h"
#include "api/BotKeys.h"
#include "api/InstanceLock.h"
#include "api/UserName.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using vigil::gateway::BotKeyStore;
using vigil::testing::rows;
using vigil::testing::scalar;

class TestCliBot : public QObject {
    Q_OBJECT

    using Run = vigil::testing::VigilRun;

    QTemporaryDir m_home;
    QString m_config; ///< a configuration with [[bots]] alpha
    QString m_day;    ///< a data directory with a day's journal

    Run vigil(const QStringList &args) { return vigil::testing::runVigil(m_home.path(), args); }

    Run bot(const QString &dataDir, const QStringList &words)
    {
        return vigil(QStringList{QStringLiteral("bot")} + words
                     + QStringList{QStringLiteral("--config"), m_config, QStringLiteral("--data-dir"), dataDir});
    }

    QString freshDataDir(const QString &name)
    {
        const QString dir = m_home.filePath(name);
        QDir().mkpath(dir);
        return dir;
    }

    static QString journal(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("journal.sqlite")); }
    static QString keysFile(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("bot-keys.json")); }

    struct Printed {
        QString keyId;
        QString secret;
    };
    /// The key id and secret `vigil bot add` printed.
    static Printed printed(const Run &r)
    {
        const QRegularExpressionMatch id =
            QRegularExpression(QStringLiteral("^key id: +(VK[A-Z2-7]{18})$"), QRegularExpression::MultilineOption)
                .match(r.out);
        const QRegularExpressionMatch secret =
            QRegularExpression(QStringLiteral("^secret: +([A-Za-z0-9]{40})$"), QRegularExpression::MultilineOption)
                .match(r.out);
        return {id.captured(1), secret.captured(1)};
    }

    static std::optional<std::string> authenticate(const QString &dataDir, const Printed &key)
    {
        const BotKeyStore store(dataDir);
        return store.authenticate(key.keyId.toStdString(), key.secret.toStdString());
    }

    /// Every file under `dir` whose bytes contain `text`.
    static QStringList filesContaining(const QString &dir, const QString &text)
    {
        QStringList found;
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(text.toUtf8()))
                found << f.fileName();
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        QVERIFY(m_home.isValid());
        m_config = m_home.filePath(QStringLiteral("vigil.toml"));
        QFile config(m_config);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[[bots]]\nname = \"alpha\"\ncode = \"al\"\n");
        config.close();
        m_day = m_home.filePath(QStringLiteral("day"));
        const Run run = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                               QStringLiteral("5"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                               QStringLiteral("--config"), m_config, QStringLiteral("--data-dir"), m_day});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void addPrintsTheKeyOnceAndKeepsOnlyItsHash()
    {
        const QString dir = freshDataDir(QStringLiteral("add"));
        const Run add = bot(dir, {QStringLiteral("add"), QStringLiteral("alpha")});
        QVERIFY2(add.exitCode == 0, qPrintable(add.err));
        const Printed key = printed(add);
        QVERIFY2(!key.keyId.isEmpty() && !key.secret.isEmpty(), qPrintable(add.out));
        QVERIFY2(add.out.contains(QLatin1String("will not be shown again")), qPrintable(add.out));
        QCOMPARE(add.out.count(key.secret), 1);
        QVERIFY2(!add.err.contains(key.secret), qPrintable(add.err));
        // No journal in a fresh data directory: said, not silently skipped.
        QVERIFY2(add.err.contains(QLatin1String("holds no journal yet")), qPrintable(add.err));
        QVERIFY2(!add.err.contains(QLatin1String("no [[bots]] entry")), qPrintable(add.err));

        // Another process (as the gateway) takes the key; nothing on disk holds its secret.
        QCOMPARE(authenticate(dir, key), std::optional<std::string>("alpha"));
        QVERIFY(QFile::exists(keysFile(dir)));
        QVERIFY2(filesContaining(dir, key.secret).isEmpty(),
                 qPrintable(filesContaining(dir, key.secret).join(QLatin1Char(' '))));
        QVERIFY(filesContaining(dir, key.keyId).contains(keysFile(dir)));
        QCOMPARE(QFile(keysFile(dir)).permissions()
                     & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
                 QFile::Permissions());

        // list: bot, key id, created, in force; never the secret nor its hash.
        const Run list = bot(dir, {QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(
            QRegularExpression(QStringLiteral("^alpha +%1 +20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z +in force$").arg(key.keyId),
                               QRegularExpression::MultilineOption)
                .match(list.out)
                .hasMatch(),
            qPrintable(list.out));
        QFile file(keysFile(dir));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject stored =
            QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("keys")).toArray().at(0).toObject();
        const QString hash = stored.value(QLatin1String("secret_sha256")).toString();
        QCOMPARE(hash.size(), 64);
        QVERIFY(!list.out.contains(hash) && !list.out.contains(key.secret));
        QVERIFY(!list.out.contains(stored.value(QLatin1String("salt")).toString()));
    }

    void addWarnsWhenTheConfigurationHasNoSuchBot()
    {
        const QString dir = freshDataDir(QStringLiteral("warn"));
        const Run add = bot(dir, {QStringLiteral("add"), QStringLiteral("beta")});
        QCOMPARE(add.exitCode, 0);
        QVERIFY2(add.err.contains(QStringLiteral("vigil bot: warning: the configuration (%1) has no [[bots]] entry "
                                                 "named 'beta'")
                                      .arg(m_config)),
                 qPrintable(add.err));
        QCOMPARE(authenticate(dir, printed(add)), std::optional<std::string>("beta"));
    }

    void badArgumentsAreUsageErrors()
    {
        const QString dir = freshDataDir(QStringLiteral("usage"));
        const Run badName = bot(dir, {QStringLiteral("add"), QStringLiteral("Alpha-1")});
        QCOMPARE(badName.exitCode, 2);
        QVERIFY2(badName.err.contains(QLatin1String("'Alpha-1' is not a bot name: 1 to 32 characters among a-z, 0-9 "
                                                    "and '_'")),
                 qPrintable(badName.err));
        QVERIFY(!QFile::exists(keysFile(dir)));
        for (const QStringList &words :
             {QStringList{}, QStringList{QStringLiteral("add")}, QStringList{QStringLiteral("revoke")},
              QStringList{QStringLiteral("rotate")}}) {
            const Run r = bot(dir, words);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(QLatin1String("usage: vigil bot add NAME | vigil bot list | vigil bot revoke")),
                     qPrintable(r.err));
        }
        const Run extra = bot(dir, {QStringLiteral("list"), QStringLiteral("all")});
        QCOMPARE(extra.exitCode, 2);
        QVERIFY2(extra.err.contains(QLatin1String("bot list: unexpected argument 'all'")), qPrintable(extra.err));
        const Run help = vigil({QStringLiteral("bot"), QStringLiteral("revoke"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith(QLatin1String("usage: vigil bot revoke NAME|KEY_ID")), qPrintable(help.out));
    }

    void revokeByKeyIdOrNameTakesEffectInTheOtherProcess()
    {
        const QString dir = freshDataDir(QStringLiteral("revoke"));
        const Printed first = printed(bot(dir, {QStringLiteral("add"), QStringLiteral("alpha")}));
        const Printed second = printed(bot(dir, {QStringLiteral("add"), QStringLiteral("alpha")}));
        const BotKeyStore gateway(dir); // one store for the whole test, as a running gateway's
        QCOMPARE(gateway.authenticate(first.keyId.toStdString(), first.secret.toStdString()),
                 std::optional<std::string>("alpha"));
        QCOMPARE(gateway.authenticate(second.keyId.toStdString(), second.secret.toStdString()),
                 std::optional<std::string>("alpha"));

        const Run one = bot(dir, {QStringLiteral("revoke"), first.keyId});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        QVERIFY2(one.out.contains(QStringLiteral("revoked 1 key(s) of '%1': %1").arg(first.keyId)),
                 qPrintable(one.out));
        QCOMPARE(gateway.authenticate(first.keyId.toStdString(), first.secret.toStdString()), std::nullopt);
        QCOMPARE(gateway.authenticate(second.keyId.toStdString(), second.secret.toStdString()),
                 std::optional<std::string>("alpha"));

        const Run all = bot(dir, {QStringLiteral("revoke"), QStringLiteral("alpha")});
        QCOMPARE(all.exitCode, 0);
        QVERIFY2(all.out.contains(QStringLiteral("revoked 1 key(s) of 'alpha': %1").arg(second.keyId)),
                 qPrintable(all.out));
        QCOMPARE(gateway.authenticate(second.keyId.toStdString(), second.secret.toStdString()), std::nullopt);

        for (const QString &target : {QStringLiteral("alpha"), first.keyId, QStringLiteral("nobody")}) {
            const Run none = bot(dir, {QStringLiteral("revoke"), target});
            QCOMPARE(none.exitCode, 1);
            QVERIFY2(none.err.contains(QStringLiteral("no key in force has the bot name or key id '%1'").arg(target)),
                     qPrintable(none.err));
        }
        const Run list = bot(dir, {QStringLiteral("list")});
        QVERIFY2(!list.out.contains(QLatin1String("in force")), qPrintable(list.out));
        QCOMPARE(list.out.count(QRegularExpression(QStringLiteral("Z +20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z\\n"))), 2);
    }

    void aMalformedKeyFileIsAnErrorThatNamesIt()
    {
        const QString dir = freshDataDir(QStringLiteral("malformed"));
        QFile file(keysFile(dir));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\": 1,\n\"keys\": [\n{\"bot\": \"alpha\",}\n]}\n");
        file.close();
        for (const QStringList &words :
             {QStringList{QStringLiteral("list")}, QStringList{QStringLiteral("add"), QStringLiteral("alpha")},
              QStringList{QStringLiteral("revoke"), QStringLiteral("alpha")}}) {
            const Run r = bot(dir, words);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QStringLiteral("vigil bot: %1:3: not valid JSON").arg(keysFile(dir))),
                     qPrintable(r.err));
            QVERIFY(r.out.isEmpty());
        }
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{\"version\": 1,\n\"keys\": [\n{\"bot\": \"alpha\",}\n]}\n"));
    }

    void addAndRevokeAreOperatorRecordsInTheAuditTrail()
    {
        const qint64 before = scalar(journal(m_day), QStringLiteral("SELECT MAX(id) FROM audit"));
        QVERIFY(before > 0);
        const Printed key = printed(bot(m_day, {QStringLiteral("add"), QStringLiteral("alpha")}));
        QVERIFY(!key.keyId.isEmpty());
        const Run revoke = bot(m_day, {QStringLiteral("revoke"), QStringLiteral("alpha")});
        QVERIFY2(revoke.exitCode == 0 && revoke.err.isEmpty(), qPrintable(revoke.err));

        const QString actor = QString::fromStdString(vigil::currentUserName()) + QStringLiteral(" (vigil bot)");
        const QStringList records =
            rows(journal(m_day),
                 QStringLiteral("SELECT id, actor, action, detail FROM audit WHERE id > %1 ORDER BY id").arg(before));
        QCOMPARE(
            records,
            (QStringList{QStringLiteral("%1|%2|bot key added|bot alpha: key %3").arg(before + 1).arg(actor, key.keyId),
                         QStringLiteral("%1|%2|bot key revoked|alpha: %3").arg(before + 2).arg(actor, key.keyId)}));
        QVERIFY(filesContaining(m_day, key.secret).isEmpty());
        // The anchor beside the journal moved to the new head.
        QFile anchor(QDir(m_day).filePath(QStringLiteral("journal.audit-anchor")));
        QVERIFY(anchor.open(QIODevice::ReadOnly));
        QVERIFY2(anchor.readAll().trimmed().startsWith(QByteArray::number(before + 2) + ':'),
                 qPrintable(QString::number(before + 2)));

        const Run verify =
            vigil({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), m_day});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
        // The next vigil on this journal carries the chain on after the operator's records.
        const Run next = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                                QStringLiteral("6"), QStringLiteral("--date"), QStringLiteral("2026-11-23"),
                                QStringLiteral("--config"), m_config, QStringLiteral("--data-dir"), m_day});
        QVERIFY2(next.exitCode == 0, qPrintable(next.err));
        QVERIFY(scalar(journal(m_day), QStringLiteral("SELECT MAX(id) FROM audit")) > before + 2);
        const Run again =
            vigil({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), m_day});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
        const Run journalCheck =
            vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"), m_day});
        QVERIFY2(journalCheck.exitCode == 0, qPrintable(journalCheck.out + journalCheck.err));
    }

    void anAddThatCannotBeRecordedLeavesNoKeyInForce()
    {
        // A journal this vigil does not write (a newer schema): the record cannot be made.
        const QString dir = freshDataDir(QStringLiteral("unrecorded"));
        vigil::testing::execute(journal(dir), {QStringLiteral("PRAGMA user_version = 99")});
        const Run add = bot(dir, {QStringLiteral("add"), QStringLiteral("alpha")});
        QCOMPARE(add.exitCode, 1);
        QVERIFY2(add.err.contains(QLatin1String("is of schema version 99")), qPrintable(add.err));
        QVERIFY2(add.err.contains(QLatin1String("was revoked again: it could not be recorded")), qPrintable(add.err));
        QVERIFY2(!add.out.contains(QLatin1String("secret")), qPrintable(add.out)); // never shown
        const std::vector<vigil::gateway::BotKey> keys = BotKeyStore(dir).list();
        QCOMPARE(keys.size(), std::size_t(1));
        QVERIFY(!keys[0].revokedAt.empty());
    }

    void withAVigilRunningTheChangeCountsAndSaysItIsNotAudited()
    {
        const qint64 before = scalar(journal(m_day), QStringLiteral("SELECT MAX(id) FROM audit"));
        const vigil::InstanceLock running(m_day); // as a console or headless run holds it
        QVERIFY(running.error().isEmpty());
        const Run add = bot(m_day, {QStringLiteral("add"), QStringLiteral("alpha")});
        QCOMPARE(add.exitCode, 0);
        const Printed key = printed(add);
        QVERIFY2(add.err.contains(QLatin1String("vigil bot: not recorded in the audit trail: ")), qPrintable(add.err));
        QVERIFY2(add.err.contains(QStringLiteral("bot key added: bot alpha: key %1").arg(key.keyId)),
                 qPrintable(add.err));
        QCOMPARE(authenticate(m_day, key), std::optional<std::string>("alpha"));
        QCOMPARE(bot(m_day, {QStringLiteral("revoke"), key.keyId}).exitCode, 0);
        QCOMPARE(authenticate(m_day, key), std::nullopt);
        QCOMPARE(scalar(journal(m_day), QStringLiteral("SELECT MAX(id) FROM audit")), before);
    }
};

QTEST_GUILESS_MAIN(TestCliBot)
#include "tst_cli_bot.moc"
