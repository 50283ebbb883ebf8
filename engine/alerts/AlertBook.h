#pragma once
// The day's alerts as the engine keeps them: a new alert, or a repeat counted on the one
// already raised, and who acknowledged what. The same rules run live and when the journal is
// replayed after a restart, so the rows, their counts and their ids come back the same.
//
// Threads: the engine thread only (EngineCore owns it; Recovery feeds it before the session).

#include "api/Snapshot.h"
#include "api/Time.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace vigil {

class AlertBook {
public:
    /// `repeatWindow`: an alert with the same severity, source and text, raised again within
    /// this much session time of its previous raise and not yet acknowledged, is a repeat.
    explicit AlertBook(SimTime repeatWindow)
        : m_repeatWindow(repeatWindow)
    {}

    /// Raises an alert or counts a repeat. `id` is the new alert's id (ignored for a
    /// repeat). Returns the row, valid until the next raise().
    const AlertRow &raise(std::uint64_t id, SimTime now, std::string clock, AlertSeverity severity,
                          std::string_view source, std::string_view message);

    enum class Acknowledgement : std::uint8_t { Done, NoSuchAlert, AlreadyAcknowledged };
    Acknowledgement acknowledge(std::uint64_t id, std::string actor, std::string reason);
    const AlertRow *find(std::uint64_t id) const;

    /// The newest kSnapshotAlerts, oldest first.
    const std::deque<AlertRow> &rows() const { return m_rows; }
    void clear() { m_rows.clear(); }

private:
    SimTime m_repeatWindow;
    std::deque<AlertRow> m_rows;
};

} // namespace vigil
