#pragma once
// The OS keyring (Secret Service over D-Bus, through qtkeychain) as Vigil uses it: entries
// of the service "vigil", read, written and removed whole. Only this unit sees qtkeychain.
// No function here puts an entry's data in a log or an error text.
//
// Threads: any thread but the engine's. Each call blocks (a D-Bus round trip, run on one
// keyring thread with its own event loop, at most 60 s) and needs a QCoreApplication.

#include <QByteArray>
#include <QString>

#include <string>

namespace vigil {

struct KeyringRead {
    bool found = false; ///< the entry exists and `data` holds it
    QByteArray data;
    std::string error; ///< why it could not be read (an absent entry is not an error)
};

/// `fallback` ends the "unreachable" errors: what else the operator may do (for example set
/// environment variables), in the caller's words.
KeyringRead readKeyringEntry(const QString &entry, const std::string &fallback);
/// Replaces the entry's data. Returns an empty string or why not.
std::string writeKeyringEntry(const QString &entry, const QByteArray &data, const std::string &fallback);
/// Removes the entry (none there is not an error). Returns an empty string or why not.
std::string deleteKeyringEntry(const QString &entry, const std::string &fallback);

} // namespace vigil
