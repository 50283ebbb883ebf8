// The bot key store (api/BotKeys.h) on a real file: a new key authenticates and only with
// its own secret; the file holds no secret and is private to its owner; a revocation made
// through another store (another process's) counts at the next authenticate(); a malformed
// file is an error naming the file and the line or field, and grants nothing meanwhile.

#include "api/BotKeys.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <stdexcept>
#include <thread>

#include <sys/stat.h>

using vigil::gateway::BotKeyStore;
using vigil::gateway::isValidBotName;
using vigil::gateway::NewBotKey;

class TestBotKeys : public QObject {
    Q_OBJECT

    QString keysFile(const QTemporaryDir &dir) const { return dir.filePath(QStringLiteral("bot-keys.json")); }

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

    /// The error `list()` throws on the file as it is; empty when it throws none.
    static QString listError(const BotKeyStore &store)
    {
        try {
            store.list();
        } catch (const std::runtime_error &e) {
            return QString::fromUtf8(e.what());
        }
        return {};
    }

private Q_SLOTS:
    void aNewKeyHasAlpacaShapeAndAuthenticatesOnlyWithItsSecret()
    {
        QTemporaryDir dir;
        BotKeyStore store(dir.path());
        QVERIFY(store.list().empty()); // no file yet: no key, no error
        const NewBotKey key = store.add("alpha");
        QVERIFY2(
            QRegularExpression(QStringLiteral("^VK[A-Z2-7]{18}$")).match(QString::fromStdString(key.keyId)).hasMatch(),
            key.keyId.c_str());
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9]{40}$"))
                    .match(QString::fromStdString(key.secret))
                    .hasMatch());
        QCOMPARE(store.authenticate(key.keyId, key.secret), std::optional<std::string>("alpha"));

        std::string wrong = key.secret;
        wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
        QCOMPARE(store.authenticate(key.keyId, wrong), std::nullopt);
        QCOMPARE(store.authenticate(key.keyId, ""), std::nullopt);
        QCOMPARE(store.authenticate("VKAAAAAAAAAAAAAAAAAA", key.secret), std::nullopt); // an unknown key id
        QCOMPARE(store.authenticate("", key.secret), std::nullopt);
        QCOMPARE(store.authenticate(key.keyId.substr(0, 10), key.secret), std::nullopt);

        // A second key for the same bot, and one for another: each stands on its own.
        const NewBotKey second = store.add("alpha");
        const NewBotKey beta = store.add("beta_2");
        QVERIFY(second.keyId != key.keyId && second.secret != key.secret);
        QCOMPARE(store.authenticate(second.keyId, second.secret), std::optional<std::string>("alpha"));
        QCOMPARE(store.authenticate(beta.keyId, beta.secret), std::optional<std::string>("beta_2"));
        QCOMPARE(store.authenticate(beta.keyId, key.secret), std::nullopt); // another key's secret
        const auto keys = store.list();
        QCOMPARE(keys.size(), std::size_t(3));
        QCOMPARE(keys[0].keyId, key.keyId); // oldest first
        QCOMPARE(keys[2].botName, std::string("beta_2"));
        QVERIFY(keys[0].revokedAt.empty());
        QVERIFY(!keys[0].createdAt.empty());
    }

    void theFileHoldsNoSecretAndOnlyItsOwnerMayReadIt()
    {
        QTemporaryDir dir;
        BotKeyStore store(dir.path());
        const NewBotKey key = store.add("alpha");
        const QByteArray file = read(keysFile(dir));
        QVERIFY(file.contains(QByteArray::fromStdString(key.keyId)));
        QVERIFY2(!file.contains(QByteArray::fromStdString(key.secret)), file.constData());
        QVERIFY(!file.contains(QByteArray::fromStdString(key.secret.substr(0, 16))));
        struct stat st {};
        QCOMPARE(::stat(keysFile(dir).toLocal8Bit().constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        // Nothing left beside it but its lock: the temporary was renamed into place.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files, QDir::Name),
                 (QStringList{QStringLiteral("bot-keys.json"), QStringLiteral("bot-keys.json.lock")}));
    }

    void aRevocationByAnotherStoreCountsAtTheNextRequest()
    {
        QTemporaryDir dir;
        const BotKeyStore gateway(dir.path()); // the gateway's, in the running vigil
        BotKeyStore command(dir.path());       // `vigil bot`'s, in another process
        const NewBotKey key = command.add("alpha");
        const NewBotKey other = command.add("beta");
        QCOMPARE(gateway.authenticate(key.keyId, key.secret), std::optional<std::string>("alpha"));
        QVERIFY(gateway.inForce(key.keyId));
        QVERIFY(!gateway.inForce("VKNOSUCHKEY000000000"));

        QCOMPARE(command.revoke(key.keyId), 1);
        QCOMPARE(gateway.authenticate(key.keyId, key.secret), std::nullopt);
        QVERIFY(!gateway.inForce(key.keyId)); // what the streams ask of a connection it opened
        QVERIFY(gateway.inForce(other.keyId));
        QCOMPARE(gateway.authenticate(other.keyId, other.secret), std::optional<std::string>("beta"));
        QCOMPARE(command.revoke(key.keyId), 0); // revoked already: nothing more to revoke
        QVERIFY(!gateway.list()[0].revokedAt.empty());

        // By name: every key of the bot, and only its keys.
        const NewBotKey third = command.add("beta");
        QCOMPARE(command.revoke("beta"), 2);
        QCOMPARE(gateway.authenticate(other.keyId, other.secret), std::nullopt);
        QCOMPARE(gateway.authenticate(third.keyId, third.secret), std::nullopt);
        QCOMPARE(command.revoke("gamma"), 0);
    }

    void manyThreadsAuthenticateWhileKeysAreRevoked()
    {
        QTemporaryDir dir;
        BotKeyStore store(dir.path());
        const NewBotKey kept = store.add("kept");
        const NewBotKey revoked = store.add("gone");
        std::atomic<bool> stop{false};
        std::atomic<int> keptRefused{0};
        std::vector<std::thread> readers;
        for (int i = 0; i < 4; ++i)
            readers.emplace_back([&] {
                while (!stop.load())
                    if (store.authenticate(kept.keyId, kept.secret) != std::optional<std::string>("kept"))
                        ++keptRefused;
            });
        for (int i = 0; i < 20; ++i)
            store.add("churn");
        QCOMPARE(store.revoke("gone"), 1);
        stop = true;
        for (std::thread &t : readers)
            t.join();
        QCOMPARE(keptRefused.load(), 0);
        QCOMPARE(store.authenticate(revoked.keyId, revoked.secret), std::nullopt);
        QCOMPARE(store.list().size(), std::size_t(22));
    }

    void aMalformedFileIsAnErrorNamingWhereAndGrantsNothing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message"); ///< after "<file>"
        const QByteArray entry = R"({"bot": "alpha", "key_id": "VKAAAAAAAAAAAAAAAAAA", "salt": )"
                                 R"("00112233445566778899aabbccddeeff", "secret_sha256": )"
                                 R"("0000000000000000000000000000000000000000000000000000000000000000", )"
                                 R"("created_at": "2026-12-03T19:00:00.000Z", "revoked_at": null})";
        const auto with = [&entry](const char *from, const char *to) {
            QByteArray changed = entry;
            changed.replace(from, to);
            return R"({"version": 1, "keys": [)" + changed + "]}";
        };
        QTest::newRow("not JSON") << QByteArray("{\"version\": 1,\n\"keys\": [\n{\"bot\": }\n]}")
                                  << QStringLiteral(":3: not valid JSON: ");
        QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral(": expected a JSON object");
        QTest::newRow("another version") << QByteArray(R"({"version": 2, "keys": []})")
                                         << QStringLiteral(": version: must be 1");
        QTest::newRow("keys missing") << QByteArray(R"({"version": 1})")
                                      << QStringLiteral(": keys: expected an array of keys");
        QTest::newRow("unknown field") << QByteArray(R"({"version": 1, "keys": [], "secrets": []})")
                                       << QStringLiteral(": secrets: unknown field");
        QTest::newRow("bad bot name") << with(R"("alpha")", R"("Alpha")")
                                      << QStringLiteral(": keys[0].bot: \"Alpha\" is not a bot name");
        QTest::newRow("bad key id") << with("VKAAAAAAAAAAAAAAAAAA", "PK123")
                                    << QStringLiteral(": keys[0].key_id: \"PK123\" is not a key id");
        QTest::newRow("short salt") << with("00112233445566778899aabbccddeeff", "0011")
                                    << QStringLiteral(": keys[0].salt: expected 32 lower-case hex digits");
        QTest::newRow("unknown key field")
            << with(R"("secret_sha256")", R"("secret")") << QStringLiteral(": keys[0].secret: unknown field");
        QTest::newRow("created missing") << with(R"("created_at": "2026-12-03T19:00:00.000Z", )", "")
                                         << QStringLiteral(": keys[0].created_at: missing");
        QTest::newRow("bad time") << with("2026-12-03T19:00:00.000Z", "yesterday")
                                  << QStringLiteral(": keys[0].created_at: \"yesterday\" is not an RFC 3339 time");
        QTest::newRow("revoked not a time")
            << with("null", "true") << QStringLiteral(": keys[0].revoked_at: expected a string");
        QTest::newRow("duplicate key id") << QByteArray(R"({"version": 1, "keys": [)" + entry + ", " + entry + "]}")
                                          << QStringLiteral(": keys[1].key_id: duplicate key id VKAAAAAAAAAAAAAAAAAA");
    }

    void aMalformedFileIsAnErrorNamingWhereAndGrantsNothing()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QTemporaryDir dir;
        BotKeyStore store(dir.path());
        const NewBotKey key = store.add("alpha");
        const QByteArray good = read(keysFile(dir));
        write(keysFile(dir), json);

        const QString error = listError(store);
        QVERIFY2(error.startsWith(keysFile(dir) + message), qPrintable(error));
        QCOMPARE(store.authenticate(key.keyId, key.secret), std::nullopt); // fails closed
        // add() and revoke() refuse too: neither may write over what it could not read.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.add("beta"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.revoke("alpha"));
        QCOMPARE(read(keysFile(dir)), json);

        write(keysFile(dir), good); // mended: in force again
        QCOMPARE(store.authenticate(key.keyId, key.secret), std::optional<std::string>("alpha"));
    }

    void badBotNamesAreRefused()
    {
        QVERIFY(isValidBotName("a"));
        QVERIFY(isValidBotName("momo_2"));
        QVERIFY(isValidBotName(std::string(32, 'x')));
        QVERIFY(!isValidBotName(""));
        QVERIFY(!isValidBotName(std::string(33, 'x')));
        QVERIFY(!isValidBotName("Momo"));
        QVERIFY(!isValidBotName("mo-mo"));
        QVERIFY(!isValidBotName("mo mo"));
        QTemporaryDir dir;
        BotKeyStore store(dir.path());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.add("Bad Name"));
        QVERIFY(!QFile::exists(keysFile(dir)));
    }
};

QTEST_GUILESS_MAIN(TestBotKeys)
#include "tst_bot_keys.moc"
