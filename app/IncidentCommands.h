#pragma once
// `vigil incident list|show|export`: the incidents the journal holds, read after the fact.
// Main thread only (the PDF is drawn with QPainter, on an offscreen application).

#include "CommandLine.h"

#include <QString>

namespace vigil {

/// Runs the incident command `cl.mode` names on the journal in `dataDir`: 0 done, 1 no such
/// incident or the journal cannot be read or the file cannot be written.
int incidentCommand(const CommandLine &cl, const QString &dataDir);

} // namespace vigil
