#pragma once
// Gathers what the checklists judge: the engine's latest snapshot (when one runs), the data
// volume, the journal, the broker's account and the backups directory. Reads files; never
// on the engine thread, and off the GUI thread where the console can help it.

#include "ops/Checklist.h"

#include <QString>

#include <memory>

namespace vigil {

struct Snapshot;

struct FactsSource {
    std::shared_ptr<const Snapshot> snapshot; ///< null: no engine runs on the data directory
    std::string engineProblem;                ///< why not, when null
    const Config *config = nullptr;           ///< thresholds, strategies and their dates
    QString dataDir;
    Date today;                               ///< the trading day the checklist is about
};

ChecklistFacts gatherChecklistFacts(const FactsSource &source);

/// The paper broker's account from its file: active (it has no other state) and its cash.
/// Unknown (accountKnown false) when the file cannot be read.
void readPaperAccount(const QString &brokerFile, ChecklistFacts &facts);

} // namespace vigil
