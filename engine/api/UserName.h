#pragma once
// Who a process runs as, for the audit trail. Thread safe.

#include <string>
#include <sys/types.h>

namespace vigil {

/// The login name of `uid` ("uid 1000" if it has none).
std::string userName(uid_t uid);
/// The login name this process runs as.
std::string currentUserName();

} // namespace vigil
