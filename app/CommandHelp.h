#pragma once
// The command line's help: `vigil --help` is a short overview of the commands, and each
// command (and each `ctl` verb) has its own usage, options and examples, printed by
// `vigil COMMAND [VERB] --help`. Main thread only.

#include <QString>
#include <QStringList>

namespace vigil {

/// The help for the command named by `words` (the words before --help, e.g. {"ctl",
/// "drill", "broker-manual-close"}: the longest prefix that names a command counts); the
/// overview for none. Empty when the first word names no command.
QString commandHelp(const QStringList &words);

/// Where to look after a usage error in the command `words`: "vigil ctl drill --help",
/// or "vigil --help" when the words name no command.
QString helpHint(const QStringList &words);

} // namespace vigil
