#pragma once
// Long work off the GUI thread for the wizards: runs `work` on Qt's thread pool, reports
// its progress (0-100 and a line of text) and hands its result to `done`, both on the GUI
// thread, through a watcher owned by `owner`. If `owner` is destroyed first, nothing is
// called back (the work still runs to its end: a backup or a restore is never cut off
// halfway). GUI thread only.

#include "api/BackupManifest.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QtConcurrent>

#include <functional>

namespace vigil {

template<typename Result>
void runInBackground(QObject *owner, std::function<Result(const BackupProgress &)> work,
                     std::function<void(int percent, const QString &step)> progress,
                     std::function<void(const Result &)> done)
{
    auto *watcher = new QFutureWatcher<Result>(owner);
    QObject::connect(watcher, &QFutureWatcher<Result>::progressValueChanged, owner,
                     [watcher, progress](int value) { progress(value, watcher->progressText()); });
    QObject::connect(watcher, &QFutureWatcher<Result>::progressTextChanged, owner,
                     [watcher, progress](const QString &text) { progress(watcher->progressValue(), text); });
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, owner, [watcher, done] {
        done(watcher->future().result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([work](QPromise<Result> &promise) {
        promise.setProgressRange(0, 100);
        const BackupProgress report = [&promise](int percent, const QString &step) {
            promise.setProgressValueAndText(percent, step);
        };
        promise.addResult(work(report));
    }));
}

} // namespace vigil
