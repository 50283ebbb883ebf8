#pragma once
// An operator's action taken while no vigil runs on the data directory (`vigil bot add`,
// `vigil bot revoke`), recorded in the journal's audit trail as the engine records its own:
// the next record of the hash chain, with the next journal number. Main thread of a
// command-line process that holds the data directory's InstanceLock (api/InstanceLock.h):
// with a vigil running, its writer owns the chain's end and this would fork it.

#include <QString>

#include <string>

namespace vigil {

/// Appends (actor, action, detail) to the audit chain of the journal at `journalPath`,
/// timed by the wall clock (no engine runs to give its own time), and moves the audit
/// anchor beside the journal to the new head. Empty, or why nothing was recorded (no
/// journal, a journal of another schema version, a write that failed).
QString appendOperatorAudit(const QString &journalPath, const std::string &actor, const std::string &action,
                            const std::string &detail);

} // namespace vigil
