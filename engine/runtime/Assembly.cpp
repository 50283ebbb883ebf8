#include "runtime/Assembly.h"

#include "sim/PaperRecords.h"
#include "sim/SimulatorVenue.h"

#include <QDir>

namespace vigil {

std::unique_ptr<Venue> makeVenue(const Config &config, const VenueSetup &setup)
{
    switch (config.venue.kind) {
    case VenueKind::Simulator:
        return std::make_unique<SimulatorVenue>(config, setup.sessionDate, setup.seed, setup.speed,
                                                setup.crashAfterBrokerAccepts);
    }
    return nullptr;
}

std::shared_ptr<const BrokerRecords> makeBrokerRecords(const VenueConfig &venue, const QString &dataDir)
{
    switch (venue.kind) {
    case VenueKind::Simulator:
        return std::make_shared<PaperRecords>(QDir(dataDir).filePath(QString::fromLatin1(kPaperBrokerFile)));
    }
    return nullptr;
}

} // namespace vigil
