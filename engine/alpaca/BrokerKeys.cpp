#include "api/BrokerKeys.h"

#include "core/EngineText.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <algorithm>
#include <functional>
#include <memory>

namespace vigil {

namespace {

constexpr const char *kService = "vigil";
constexpr const char *kKeyIdVariable = "APCA_API_KEY_ID";
constexpr const char *kSecretVariable = "APCA_API_SECRET_KEY";
// A locked keyring may be waiting for its unlock prompt: long enough for a person to
// answer it, short enough that a dead service is reported rather than waited on forever.
constexpr int kKeyringTimeoutMs = 60'000;

QString entryName(AlpacaEnvironment environment)
{
    return QStringLiteral("alpaca-") + QString::fromUtf8(toString(environment).data());
}

std::string unreachable(const std::string &why)
{
    return engineTr("BrokerKeys", "the OS keyring is unreachable (%1); start a Secret Service (such as "
                                  "gnome-keyring) in a D-Bus session, or set APCA_API_KEY_ID and "
                                  "APCA_API_SECRET_KEY in the environment instead")
        .arg(why);
}

/// Why the keyring cannot be asked at all, or empty. Without a session bus qtkeychain would
/// fail late or try to launch one; said here, the operator learns what is missing.
std::string keyringPrecondition()
{
    if (!QDBusConnection::sessionBus().isConnected())
        return unreachable(engineTr("BrokerKeys", "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set or "
                                                  "nothing answers there"));
    return {};
}

struct JobOutcome {
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
};

QObject *keyringContext();

/// Run by QCoreApplication's destructor: the keyring thread's loop ends before the
/// application does. A thread still busy after two seconds is left to the process's exit.
void stopKeyringThread()
{
    QThread *thread = keyringContext()->thread();
    thread->quit();
    thread->wait(QDeadlineTimer(2000));
}

/// An object in the thread every keyring job runs on, which has an event loop of its own
/// for as long as the application lives. qtkeychain queues its jobs in one executor that
/// lives in the thread of the first job and hears of each job's end through a queued
/// signal: were jobs started from the callers' threads (the console's thread pool among
/// them), a job ending while the executor's thread ran no event loop would stall every
/// later one. The thread is never deleted: one still busy at exit must not be destroyed.
QObject *keyringContext()
{
    static QObject *const context = [] {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("keyring"));
        auto *object = new QObject;
        object->moveToThread(thread);
        thread->start();
        qAddPostRoutine(stopKeyringThread);
        return object;
    }();
    return context;
}

/// Makes the job with `make` on the keyring thread, runs it there and waits for its end (or
/// the timeout). The job deletes itself when it finishes, even after a timeout.
JobOutcome runJob(std::function<QKeychain::Job *()> make)
{
    struct Shared {
        QSemaphore done;
        JobOutcome outcome;
    };
    auto shared = std::make_shared<Shared>();
    QMetaObject::invokeMethod(
        keyringContext(),
        [shared, make = std::move(make)] {
            QKeychain::Job *job = make();
            job->setAutoDelete(true);
            job->setInsecureFallback(false); // never a plain file: the keyring or nothing
            QObject::connect(job, &QKeychain::Job::finished, job, [shared](QKeychain::Job *done) {
                shared->outcome.finished = true;
                shared->outcome.error = done->error();
                shared->outcome.errorString = done->errorString();
                if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
                    shared->outcome.data = read->binaryData();
                shared->done.release();
            });
            job->start();
        },
        Qt::QueuedConnection);
    if (!shared->done.tryAcquire(1, kKeyringTimeoutMs))
        return {}; // not finished; the job may still end, into `shared`, which it keeps
    return shared->outcome;
}

std::string failure(const JobOutcome &outcome)
{
    if (!outcome.finished)
        return unreachable(engineTr("BrokerKeys", "no answer within %1 s; is it locked and waiting for a password?")
                               .arg(kKeyringTimeoutMs / 1000));
    switch (outcome.error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unreachable(engineTr("BrokerKeys", "no Secret Service: %1").arg(outcome.errorString.toStdString()));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return engineTr("BrokerKeys", "the OS keyring refused access: %1").arg(outcome.errorString.toStdString());
    default: return engineTr("BrokerKeys", "the OS keyring failed: %1").arg(outcome.errorString.toStdString());
    }
}

/// The entry's text: both halves in one JSON object, so they are stored and replaced
/// together and can never belong to two different keys.
QByteArray encode(const BrokerKeyPair &keys)
{
    QJsonObject object;
    object.insert(QStringLiteral("key_id"), QString::fromStdString(keys.keyId));
    object.insert(QStringLiteral("secret"), QString::fromStdString(keys.secret));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool decode(const QByteArray &data, BrokerKeyPair &keys)
{
    const QJsonDocument document = QJsonDocument::fromJson(data);
    const QJsonObject object = document.object();
    const QString keyId = object.value(QStringLiteral("key_id")).toString();
    const QString secret = object.value(QStringLiteral("secret")).toString();
    if (keyId.isEmpty() || secret.isEmpty())
        return false;
    keys.keyId = keyId.toStdString();
    keys.secret = secret.toStdString();
    return true;
}

/// Alpaca's keys are printable ASCII without spaces; anything else is a paste gone wrong
/// (a stray newline, a quote), refused before it reaches the keyring.
bool isKeyText(const std::string &text)
{
    return !text.empty() && text.size() <= 512
           && std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 127; });
}

} // namespace

BrokerKeyLookup loadBrokerKeys(AlpacaEnvironment environment)
{
    BrokerKeyLookup lookup;
    const QByteArray keyId = qgetenv(kKeyIdVariable);
    const QByteArray secret = qgetenv(kSecretVariable);
    if (!keyId.isEmpty() && !secret.isEmpty()) {
        lookup.source = BrokerKeySource::Environment;
        lookup.keys = BrokerKeyPair{keyId.toStdString(), secret.toStdString()};
        return lookup;
    }
    if (!keyId.isEmpty() || !secret.isEmpty()) {
        lookup.error = engineTr("BrokerKeys", "%1 is set but %2 is not: set both, or neither to use the OS keyring")
                           .arg(keyId.isEmpty() ? kSecretVariable : kKeyIdVariable,
                                keyId.isEmpty() ? kKeyIdVariable : kSecretVariable);
        return lookup;
    }
    lookup.error = keyringPrecondition();
    if (!lookup.error.empty())
        return lookup;
    const JobOutcome outcome = runJob([environment] {
        auto *job = new QKeychain::ReadPasswordJob(QString::fromUtf8(kService));
        job->setKey(entryName(environment));
        return job;
    });
    if (outcome.finished && outcome.error == QKeychain::EntryNotFound) {
        lookup.error = engineTr("BrokerKeys", "no %1 keys: neither in the OS keyring (vigil broker set-keys "
                                              "--environment %1) nor in APCA_API_KEY_ID and APCA_API_SECRET_KEY")
                           .arg(toString(environment));
        return lookup;
    }
    if (!outcome.finished || outcome.error != QKeychain::NoError) {
        lookup.error = failure(outcome);
        return lookup;
    }
    if (!decode(outcome.data, lookup.keys)) {
        lookup.keys = {};
        lookup.error = engineTr("BrokerKeys", "the OS keyring's entry %1 of service vigil is not a key pair Vigil "
                                              "stored; store the keys again with vigil broker set-keys")
                           .arg(entryName(environment).toStdString());
        return lookup;
    }
    lookup.source = BrokerKeySource::Keyring;
    return lookup;
}

std::string storeBrokerKeys(AlpacaEnvironment environment, const BrokerKeyPair &keys)
{
    if (!isKeyText(keys.keyId))
        return engineTr("BrokerKeys", "the key id must be 1 to 512 printable characters without spaces");
    if (!isKeyText(keys.secret))
        return engineTr("BrokerKeys", "the secret must be 1 to 512 printable characters without spaces");
    if (std::string error = keyringPrecondition(); !error.empty())
        return error;
    const QByteArray entry = encode(keys);
    const JobOutcome outcome = runJob([environment, entry] {
        auto *job = new QKeychain::WritePasswordJob(QString::fromUtf8(kService));
        job->setKey(entryName(environment));
        job->setBinaryData(entry);
        return job;
    });
    if (!outcome.finished || outcome.error != QKeychain::NoError)
        return failure(outcome);
    return {};
}

std::string deleteBrokerKeys(AlpacaEnvironment environment)
{
    if (std::string error = keyringPrecondition(); !error.empty())
        return error;
    const JobOutcome outcome = runJob([environment] {
        auto *job = new QKeychain::DeletePasswordJob(QString::fromUtf8(kService));
        job->setKey(entryName(environment));
        return job;
    });
    if (outcome.finished && (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound))
        return {};
    return failure(outcome);
}

} // namespace vigil
