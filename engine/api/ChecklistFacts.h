#pragma once
// Gathers what the checklists judge: the engine's latest snapshot (when one runs), the data
// volume, the journal, the broker's account (from the venue's BrokerRecords) and the backups
// directory. Reads files; never on the engine thread, and off the GUI thread where the
// console can help it.

#include "api/Checklist.h"
#include "api/Venue.h"

#include <QString>

#include <memory>

namespace vigil {

struct Snapshot;

struct FactsSource {
    std::shared_ptr<const Snapshot> snapshot; ///< null: no engine runs on the data directory
    std::string engineProblem;                ///< why not, when null
    const Config *config = nullptr;           ///< thresholds, strategies and their dates
    QString dataDir;
    /// The broker's records, for its account (null: the account is not known).
    std::shared_ptr<const BrokerRecords> broker;
    Date today; ///< the trading day the checklist is about
};

ChecklistFacts gatherChecklistFacts(const FactsSource &source);

/// The broker's account as it answered: unknown (accountKnown false) when it did not.
void readAccount(const AccountFacts &account, ChecklistFacts &facts);

} // namespace vigil
