#pragma once
// The incidents as the engine keeps them: one open per cause, later events of that cause
// attached to it, the operator's analysis and notes, and the sign-off that closes it. The
// same changes apply live and when a restart reads them back from the journal
// (applyIncidentChange), so an incident looks the same after a restart. The book decides
// nothing by itself: EngineCore opens, attaches and changes, and journals each step.
//
// Threads: the engine thread only (EngineCore owns it; Recovery feeds it before the session).
// view() hands out an immutable list that any thread may read.

#include "api/Snapshot.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace vigil {

/// Applies one change as the journal records it (field, who and when, the value) to `row`.
/// False when the value cannot apply (a level that is not 2 or 3).
bool applyIncidentChange(IncidentRow &row, IncidentField field, IncidentEntry change);

class IncidentBook {
public:
    /// The open incident of `cause`, or null.
    const IncidentRow *openOf(IncidentCause cause) const;
    const IncidentRow *find(std::uint64_t id) const;
    /// Adds a newly opened incident (its id is the journal's number of its opening record).
    void open(IncidentRow row);

    enum class Outcome : std::uint8_t { Done, NoSuchIncident, SignedOff };
    /// Applies a change to an open incident (a signed-off one takes none).
    Outcome change(std::uint64_t id, IncidentField field, IncidentEntry entry);

    /// The level-3 incidents not yet signed off, oldest first: each holds a resume.
    std::vector<const IncidentRow *> holdingResume() const;

    /// The list for snapshots: the same pointer until something changes.
    std::shared_ptr<const IncidentList> view();
    /// After a restart: the incidents as the journal left them (open ones and today's).
    void restore(IncidentList rows);

private:
    IncidentRow *findMutable(std::uint64_t id);

    IncidentList m_rows; ///< oldest first
    std::shared_ptr<const IncidentList> m_view;
};

} // namespace vigil
