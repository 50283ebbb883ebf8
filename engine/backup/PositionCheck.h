#pragma once
// After a restore: the journal's books against the paper broker's own file, symbol by
// symbol, until the reconciliation view takes this over. Read-only; any thread.

#include <QString>

#include <cstdint>
#include <vector>

namespace vigil {

struct PositionDifference {
    QString symbol;
    std::int64_t journal = 0; ///< net quantity from the journal's fills (+ long, - short)
    std::int64_t broker = 0;  ///< the broker's position
};

struct PositionComparison {
    QString error;            ///< why the two could not be compared (then nothing else holds)
    int symbols = 0;          ///< symbols held on either side
    std::vector<PositionDifference> differences;
    bool agree() const { return error.isEmpty() && differences.empty(); }
};

/// Compares the net position of every symbol in the journal at `journalPath` (all its
/// fills) with the paper broker's file at `brokerPath`. A missing or unreadable file is an
/// error, never "flat".
PositionComparison compareBooks(const QString &journalPath, const QString &brokerPath);

} // namespace vigil
