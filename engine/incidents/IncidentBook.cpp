#include "incidents/IncidentBook.h"

#include <algorithm>
#include <utility>

namespace vigil {

bool applyIncidentChange(IncidentRow &row, IncidentField field, IncidentEntry change)
{
    switch (field) {
    case IncidentField::Note: row.notes.push_back(std::move(change)); return true;
    case IncidentField::Event: row.events.push_back(std::move(change)); return true;
    case IncidentField::Level:
        if (change.text == "3")
            row.severity = AlertSeverity::Critical;
        else if (change.text != "2")
            return false;
        return true; // a level only rises: "2" after "3" leaves it at 3
    case IncidentField::SignOff:
        row.signedOffBy = std::move(change.actor);
        row.signOffNote = std::move(change.text);
        row.signedOffClock = std::move(change.clock);
        return true;
    default: break;
    }
    const auto slot = std::find(kAnalysisFields.begin(), kAnalysisFields.end(), field);
    row.analysis[static_cast<std::size_t>(slot - kAnalysisFields.begin())] = std::move(change.text);
    return true;
}

const IncidentRow *IncidentBook::openOf(IncidentCause cause) const
{
    for (const IncidentRow &row : m_rows)
        if (row.cause == cause && row.open())
            return &row;
    return nullptr;
}

const IncidentRow *IncidentBook::find(std::uint64_t id) const
{
    for (const IncidentRow &row : m_rows)
        if (row.id == id)
            return &row;
    return nullptr;
}

IncidentRow *IncidentBook::findMutable(std::uint64_t id)
{
    return const_cast<IncidentRow *>(std::as_const(*this).find(id));
}

void IncidentBook::open(IncidentRow row)
{
    m_rows.push_back(std::move(row));
    m_view.reset();
}

IncidentBook::Outcome IncidentBook::change(std::uint64_t id, IncidentField field, IncidentEntry entry)
{
    IncidentRow *row = findMutable(id);
    if (!row)
        return Outcome::NoSuchIncident;
    if (!row->open())
        return Outcome::SignedOff;
    applyIncidentChange(*row, field, std::move(entry));
    m_view.reset();
    return Outcome::Done;
}

std::vector<const IncidentRow *> IncidentBook::holdingResume() const
{
    std::vector<const IncidentRow *> holding;
    for (const IncidentRow &row : m_rows)
        if (row.holdsResume())
            holding.push_back(&row);
    return holding;
}

std::shared_ptr<const IncidentList> IncidentBook::view()
{
    if (m_rows.empty())
        return noIncidents();
    if (!m_view)
        m_view = std::make_shared<const IncidentList>(m_rows);
    return m_view;
}

void IncidentBook::restore(IncidentList rows)
{
    m_rows = std::move(rows);
    m_view.reset();
}

const std::shared_ptr<const IncidentList> &noIncidents()
{
    static const std::shared_ptr<const IncidentList> none = std::make_shared<const IncidentList>();
    return none;
}

} // namespace vigil
