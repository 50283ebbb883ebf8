#pragma once
// The paper broker's back office: its statement and account read from its own file, as a
// real broker's would come from its API. Read-only connections of its own, so any thread
// but the engine's may ask while the venue thread writes.

#include "api/Venue.h"

#include <QString>

namespace vigil {

/// The paper broker's file in a data directory.
inline constexpr const char *kPaperBrokerFile = "paper-broker.sqlite";

class PaperRecords final : public BrokerRecords {
public:
    explicit PaperRecords(QString path)
        : m_path(std::move(path))
    {}
    /// Positions and open orders in the file. A file that cannot be opened or read answers
    /// nothing (the statement says why): never an empty, flat book.
    BrokerStatement statement() const override;
    /// Active (the paper broker has no other state), never blocked, and its cash. It
    /// computes buying power from live marks it does not store, so none is told. Unknown
    /// when the file cannot be read.
    AccountFacts account() const override;

private:
    QString m_path;
};

} // namespace vigil
