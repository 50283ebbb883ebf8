#pragma once
// Reading a secret (a broker's key, a webhook token, an SMTP password) from the terminal
// with echo off, or from standard input's lines when it is not a terminal; and forgetting
// it. Never from an argument: other users (ps) and the shell's history would see it.
// Main thread only.

#include <string>

namespace vigil {

/// One line from standard input without its line end; false at the end of the input.
bool readInputLine(std::string &line);
/// A line from the terminal with echo off (the terminal's settings come back even when
/// reading fails), or a plain line when standard input is not a terminal.
bool readHiddenLine(std::string &line);
/// Overwrites a secret before its memory goes back to the allocator.
void wipeSecret(std::string &secret);

} // namespace vigil
