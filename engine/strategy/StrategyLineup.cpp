#include "strategy/StrategyLineup.h"

#include <algorithm>
#include <stdexcept>

namespace vigil {

namespace {
bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// Why `identity` cannot trade beside `taken`, or empty.
std::string refusal(const StrategyIdentity &identity, const std::vector<StrategyIdentity> &taken)
{
    const std::string &key = identity.key;
    if (key.empty() || !std::all_of(key.begin(), key.end(), [](char c) { return isLowerAlnum(c) || c == '_'; }))
        return "its key must be lower-case letters, digits and '_'";
    // The journal's strategy column names these books; the console's commands name these owners.
    if (key == "operator" || key == "account" || key == "reconciliation")
        return "the key '" + key + "' is reserved";
    const std::string &code = identity.code;
    if (code.size() < 2 || code.size() > 3 || !std::all_of(code.begin(), code.end(), isLowerAlnum))
        return "its code '" + code + "' must be two or three lower-case letters or digits";
    if (code == "op" || code == "rc") // the operator's and the reconciliation's client order ids
        return "the code '" + code + "' is reserved";
    if (identity.displayName.empty())
        return "it has no display name";
    for (const StrategyIdentity &other : taken) {
        if (other.key == key || other.code == key)
            return "the key '" + key + "' is taken by " + other.key;
        if (other.code == code || other.key == code)
            return "the code '" + code + "' is taken by " + other.key;
    }
    return {};
}
}

StrategyLineup::StrategyLineup(std::vector<std::unique_ptr<StrategySource>> sources, std::size_t symbolCount)
    : m_slots(sources.size())
    , m_sources(std::move(sources))
{
    // Ids stop below the account's book and "no strategy"; the reconciliation takes the last.
    if (m_slots >= kAccountBook)
        throw std::invalid_argument(std::to_string(m_slots) + " strategies configured; at most "
                                    + std::to_string(kAccountBook - 1) + " can trade in one engine");
    std::vector<StrategyIdentity> taken;
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        if (!m_sources[i])
            continue;
        Entry entry;
        entry.id = static_cast<StrategyId>(i);
        entry.identity = m_sources[i]->identity();
        entry.source = m_sources[i].get();
        if (const std::string why = refusal(entry.identity, taken); !why.empty())
            throw std::invalid_argument("strategy " + std::to_string(i + 1) + " ('" + entry.identity.key
                                        + "') cannot trade: " + why);
        taken.push_back(entry.identity);
        for (std::size_t s = 0; s < symbolCount; ++s)
            entry.trades.push_back(entry.source->trades(static_cast<SymbolId>(s)));
        m_running.push_back(std::move(entry));
    }
}

StrategyLineup::~StrategyLineup() = default;

const StrategyLineup::Entry *StrategyLineup::find(StrategyId id) const
{
    for (const Entry &e : m_running)
        if (e.id == id)
            return &e;
    return nullptr;
}

StrategyId StrategyLineup::byKey(std::string_view keyOrCode) const
{
    for (const Entry &e : m_running)
        if (e.identity.key == keyOrCode || e.identity.code == keyOrCode)
            return e.id;
    return kNoStrategy;
}

StrategyId StrategyLineup::byCode(std::string_view code) const
{
    for (const Entry &e : m_running)
        if (e.identity.code == code)
            return e.id;
    return kNoStrategy;
}

std::string StrategyLineup::key(StrategyId id) const
{
    if (const Entry *e = find(id))
        return e->identity.key;
    if (id == reconciliationBook())
        return "reconciliation";
    return id == kAccountBook ? std::string("account") : "strategy-" + std::to_string(id);
}

std::vector<std::string> StrategyLineup::namesById() const
{
    std::vector<std::string> names;
    for (std::size_t id = 0; id < bookCount(); ++id)
        names.push_back(key(static_cast<StrategyId>(id)));
    return names;
}

std::string_view StrategyLineup::code(StrategyId id) const
{
    const Entry *e = find(id);
    return e ? std::string_view(e->identity.code) : std::string_view("op");
}

} // namespace vigil
