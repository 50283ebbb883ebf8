#include "keyring/OsKeyring.h"

#include "core/EngineText.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDeadlineTimer>
#include <QSemaphore>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <functional>
#include <memory>

namespace vigil {

namespace {

constexpr const char *kService = "vigil";
// A locked keyring may be waiting for its unlock prompt: long enough for a person to
// answer it, short enough that a dead service is reported rather than waited on forever.
constexpr int kKeyringTimeoutMs = 60'000;

std::string unreachable(const std::string &why, const std::string &fallback)
{
    return engineTr("Keyring", "the OS keyring is unreachable (%1); start a Secret Service (such as "
                               "gnome-keyring) in a D-Bus session, or %2")
        .arg(why, fallback);
}

/// Why the keyring cannot be asked at all, or empty. Without a session bus qtkeychain would
/// fail late or try to launch one; said here, the operator learns what is missing.
std::string keyringPrecondition(const std::string &fallback)
{
    if (!QDBusConnection::sessionBus().isConnected())
        return unreachable(
            engineTr("Keyring", "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set or nothing answers there"),
            fallback);
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

std::string failure(const JobOutcome &outcome, const std::string &fallback)
{
    if (!outcome.finished)
        return unreachable(engineTr("Keyring", "no answer within %1 s; is it locked and waiting for a password?")
                               .arg(kKeyringTimeoutMs / 1000),
                           fallback);
    switch (outcome.error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unreachable(engineTr("Keyring", "no Secret Service: %1").arg(outcome.errorString.toStdString()),
                           fallback);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return engineTr("Keyring", "the OS keyring refused access: %1").arg(outcome.errorString.toStdString());
    default: return engineTr("Keyring", "the OS keyring failed: %1").arg(outcome.errorString.toStdString());
    }
}

} // namespace

KeyringRead readKeyringEntry(const QString &entry, const std::string &fallback)
{
    KeyringRead read;
    read.error = keyringPrecondition(fallback);
    if (!read.error.empty())
        return read;
    const JobOutcome outcome = runJob([entry] {
        auto *job = new QKeychain::ReadPasswordJob(QString::fromUtf8(kService));
        job->setKey(entry);
        return job;
    });
    if (outcome.finished && outcome.error == QKeychain::EntryNotFound)
        return read;
    if (!outcome.finished || outcome.error != QKeychain::NoError) {
        read.error = failure(outcome, fallback);
        return read;
    }
    read.found = true;
    read.data = outcome.data;
    return read;
}

std::string writeKeyringEntry(const QString &entry, const QByteArray &data, const std::string &fallback)
{
    if (std::string error = keyringPrecondition(fallback); !error.empty())
        return error;
    const JobOutcome outcome = runJob([entry, data] {
        auto *job = new QKeychain::WritePasswordJob(QString::fromUtf8(kService));
        job->setKey(entry);
        job->setBinaryData(data);
        return job;
    });
    if (!outcome.finished || outcome.error != QKeychain::NoError)
        return failure(outcome, fallback);
    return {};
}

std::string deleteKeyringEntry(const QString &entry, const std::string &fallback)
{
    if (std::string error = keyringPrecondition(fallback); !error.empty())
        return error;
    const JobOutcome outcome = runJob([entry] {
        auto *job = new QKeychain::DeletePasswordJob(QString::fromUtf8(kService));
        job->setKey(entry);
        return job;
    });
    if (outcome.finished && (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound))
        return {};
    return failure(outcome, fallback);
}

} // namespace vigil
