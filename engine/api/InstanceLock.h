#pragma once
// One running instance per data directory: whoever runs on it (the console, a headless run,
// a restore) holds DATA_DIR/vigil.lock for as long as it works there. QLockFile, which also
// clears the lock of a process that died, even one that died before writing its pid into
// it. Main thread (the one that takes it).

#include <QLockFile>
#include <QString>

#include <memory>

namespace vigil {

/// Holds DATA_DIR/vigil.lock for as long as it lives. Main thread.
class InstanceLock {
public:
    explicit InstanceLock(const QString &dataDir);
    /// Empty, or why this process may not run on the data directory: another one does, or
    /// the lock file cannot be made (a full disk is named, with what is free and needed).
    const QString &error() const { return m_error; }

private:
    std::unique_ptr<QLockFile> m_lock;
    QString m_error;
};

} // namespace vigil
