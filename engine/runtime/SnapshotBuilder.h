#pragma once
// Builds the snapshot the engine publishes: the header figures, the positions, strategies,
// working orders, refusals and limit rows, from the engine core's parts as they are now.
//
// Calling contract (engine thread only): EngineCore::makeSnapshot() calls build() between
// two messages or commands, never during one; build() reads the core through the const
// reference it was given and changes nothing. What sampling changes (the snapshot's
// version, the execution figures, the process's CPU sample, the reconciliation view it
// caches) stays with EngineCore, which fills those fields on the snapshot build() returns.

#include "api/Snapshot.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigil {

class EngineCore;
struct Book;

/// One row of a positions table from a book and its mark.
PositionRow makePositionRow(const std::string &symbol, const Book &book, Price mark);

class SnapshotBuilder {
public:
    explicit SnapshotBuilder(const EngineCore &core)
        : m_core(core)
    {}

    /// Everything but the version, the execution figures, the system's sample and the
    /// reconciliation; `wallNow` ages the heartbeats.
    std::shared_ptr<Snapshot> build(double speed, std::int64_t wallNow) const;
    /// One row per symbol with a position or P&L today, by symbol.
    std::vector<PositionRow> positionRows() const;
    /// Each limit and how close the engine is to it (the kill triggers first).
    std::vector<LimitUsage> limitUsage() const;

private:
    void addState(Snapshot &s) const;
    void addFigures(Snapshot &s) const;
    void addStrategies(Snapshot &s) const;
    void addWorkingOrders(Snapshot &s) const;
    void addRefusals(Snapshot &s) const;
    void addStore(Snapshot &s, std::int64_t wallNow) const;

    const EngineCore &m_core;
};

} // namespace vigil
