#include "api/UserName.h"

#include <pwd.h>
#include <unistd.h>

namespace vigil {

std::string userName(uid_t uid)
{
    struct passwd entry {};
    struct passwd *found = nullptr;
    char buffer[4096];
    if (getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        return found->pw_name;
    return "uid " + std::to_string(uid);
}

std::string currentUserName() { return userName(getuid()); }

} // namespace vigil
