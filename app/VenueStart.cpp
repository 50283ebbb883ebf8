#include "VenueStart.h"

#include <QCoreApplication>

#include <cstdio>
#include <exception>

namespace vigil {

namespace {
class VenueStartText {
    Q_DECLARE_TR_FUNCTIONS(VenueStart)
};
}

bool startVenue(const Config &config, const RunOptions &options, std::unique_ptr<Venue> &out, QString *problem)
{
    try {
        out = makeVenue(config,
                        VenueSetup{options.sessionDate, options.seed, options.speed, options.crashAfterBrokerAccepts});
        return true;
    } catch (const std::exception &e) {
        const QString why = VenueStartText::tr("the %1 venue cannot start: %2")
                                .arg(QString::fromUtf8(toString(config.venue.kind).data(),
                                                       static_cast<qsizetype>(toString(config.venue.kind).size())),
                                     QString::fromUtf8(e.what()));
        std::fprintf(stderr, "vigil: %s\n", why.toUtf8().constData());
        if (problem)
            *problem = why;
        return false;
    }
}

} // namespace vigil
