#pragma once
// The simulator behind the venue seam (api/Venue.h): the simulated feed and paper broker
// (SimVenue) on the venue thread, the paper broker's file (PaperBrokerStore) and, on the
// engine's side of the queues, the deterministic hand-over: the engine is given a market
// message only once the broker has promised no report before it (BrokerHorizon) for every
// request sent so far, reports and market messages are merged by timestamp (a report first
// on a tie), and the engine's progress is published back as VenueLink::engineTime. So the
// same seed gives the same session however the threads are scheduled; the engine's loop
// knows nothing of horizons.
//
// Thread affinity: as Venue. The engine-side state (the merge) is the engine thread's only.

#include "api/Config.h"
#include "api/Venue.h"
#include "sim/PaperBrokerStore.h"
#include "sim/SimVenue.h"

#include <deque>
#include <memory>
#include <thread>

namespace vigil {

class SimulatorVenue final : public Venue {
public:
    /// `crashAfterBrokerAccepts`: the drill that ends the process the moment the broker has
    /// recorded that many new orders, before the engine hears of the last (0: off).
    SimulatorVenue(const Config &config, const Date &sessionDate, std::uint64_t seed, double speed,
                   std::uint64_t crashAfterBrokerAccepts);
    ~SimulatorVenue() override;

    VenueClock clock() const override { return VenueClock::Simulated; }
    SessionWindow sessionOf(const Date &date) const override { return sessionFor(date); }

    std::string openRecords(const std::string &path) override;
    std::shared_ptr<const BrokerRecords> records() const override { return m_records; }
    SimTime lastActivity(const std::string &sessionDate) const override;
    std::string ordersOfDay(const std::string &sessionDate, std::vector<BrokerOrder> &out) const override;
    void resumeAt(SimTime at) override { m_venue.resumeAt(at); }
    void resumeWorking(const std::vector<BrokerOrder> &) override {} // the paper broker restores its own books
    std::string syncRecords() const override;

    Doorbell &engineBell() override { return m_link.engineBell; }
    void start(std::atomic<bool> &stop) override;
    void join() override;

    void send(const EngineMessage &message) override;
    bool next(VenueMessage &out) override;
    bool finished() override;
    std::string failure() const override { return m_link.brokerFailure; }
    bool pending() override { return !m_link.market.empty() || !m_link.broker.empty(); }
    std::optional<DrillOutcome> drillOutcome(std::uint32_t number) const override { return m_link.drills.find(number); }

    BrokerClosingBooks closingBooks() override;

private:
    /// Engine thread: the engine will decide nothing before `t`.
    void promise(SimTime t);

    Config m_config;
    std::string m_sessionDate;
    VenueLink m_link;
    SimVenue m_venue;
    std::unique_ptr<PaperBrokerStore> m_store; ///< the venue thread's once started
    std::shared_ptr<const BrokerRecords> m_records;
    std::thread m_thread;
    bool m_settled = false;

    // The engine thread's side of the hand-over.
    std::uint64_t m_sent = 0;           ///< requests sent
    std::deque<VenueMessage> m_reports; ///< taken from the broker stream, not yet handed over
    std::uint64_t m_requestsSeen = 0;   ///< by the broker, as its last horizon said
    SimTime m_noReportBefore = kNever;  ///< ... and its promise
    bool m_marketDone = false;          ///< the session's close has been handed over
    SimTime m_promised = 0;             ///< published as VenueLink::engineTime
    SimTime m_handedAt = 0;             ///< the time of the message handed over last
};

} // namespace vigil
