// Incidents in the engine core, driven by hand (CoreRig.h): the kill switch opens a level-3
// incident that holds a resume until it is signed off (or an override, audited as such);
// later events of a cause attach to its open incident and a signed-off one takes no more
// changes; a market silent, the broker away and a burst of refused orders open theirs once
// they have lasted; an analysis text longer than a journal record goes through the real
// writer whole and a restart reads every incident back as it was.

#include "CoreRig.h"

#include "api/IncidentFile.h"
#include "store/JournalRecovery.h"
#include "store/JournalWriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using vigil::testing::BreakableJournal;
using vigil::testing::command;
using vigil::testing::Rig;

namespace {
const IncidentList &incidents(Rig &rig) { return *rig.core->makeSnapshot(1)->incidents; }

cmd::Resume resumeWith(std::string acknowledgement, SignOffGate gate = SignOffGate::Required)
{
    cmd::Resume resume;
    resume.actor = "tester";
    resume.reason = "back";
    resume.acknowledgement = std::move(acknowledgement);
    resume.signOff = gate;
    return resume;
}

cmd::UpdateIncident update(std::uint64_t id, IncidentField field, std::string text)
{
    cmd::UpdateIncident u;
    u.actor = "tester";
    u.reason = std::move(text);
    u.incident = id;
    u.field = field;
    return u;
}

cmd::SignOffIncident signOff(std::uint64_t id, std::string note)
{
    cmd::SignOffIncident s;
    s.actor = "ann";
    s.reason = std::move(note);
    s.incident = id;
    return s;
}

bool audited(const BreakableJournal &journal, std::string_view action, std::string_view part)
{
    for (const JournalRecord &r : journal.records)
        if (r.kind == JournalRecord::Kind::Audit && r.actionView() == action
            && r.textView().find(part) != std::string_view::npos)
            return true;
    return false;
}
}

class TestIncidents : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theKillHoldsResumeUntilSignedOff()
    {
        Rig rig;
        BreakableJournal journal;
        rig.core->setJournal(&journal);
        QVERIFY(rig.run(command(CommandKind::Kill, "fat finger")).ok);
        QCOMPARE(incidents(rig).size(), std::size_t(1));
        const IncidentRow kill = incidents(rig).front();
        QCOMPARE(int(kill.cause), int(IncidentCause::KillSwitch));
        QCOMPARE(int(kill.severity), int(AlertSeverity::Critical));
        QVERIFY(kill.holdsResume());
        QVERIFY2(kill.title.find("fat finger") != std::string::npos, kill.title.c_str());

        const CommandResult refused = rig.run(resumeWith("understood"));
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.find("#" + std::to_string(kill.id) + " (kill) not signed off") != std::string::npos,
                 refused.message.c_str());
        QCOMPARE(int(rig.core->recordedState()), int(TradingState::Killed));

        QVERIFY(rig.run(update(kill.id, IncidentField::RootCause, "a typo in the size")).ok);
        QVERIFY(rig.run(signOff(kill.id, "fixed the size check")).ok);
        const IncidentRow closed = incidents(rig).front();
        QCOMPARE(QString::fromStdString(closed.analysis[1]), QStringLiteral("a typo in the size"));
        QCOMPARE(QString::fromStdString(closed.signedOffBy), QStringLiteral("ann"));
        QVERIFY(!closed.holdsResume());
        QVERIFY(rig.run(resumeWith("understood")).ok);
        QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));

        // Signed off: it takes nothing more, and the next kill is an incident of its own.
        const CommandResult late = rig.run(update(kill.id, IncidentField::Note, "one more thing"));
        QVERIFY(!late.ok);
        QVERIFY2(late.message.find("signed off by ann") != std::string::npos, late.message.c_str());
        QVERIFY(!rig.run(signOff(kill.id, "again")).ok);
        QVERIFY(rig.run(command(CommandKind::Kill, "second")).ok);
        QCOMPARE(incidents(rig).size(), std::size_t(2));
        QVERIFY(incidents(rig).back().id != kill.id);
        QVERIFY(audited(journal, "incident-sign-off", "signed off by ann"));
    }

    void anOverrideResumesAndIsAuditedAsSuch()
    {
        Rig rig;
        BreakableJournal journal;
        rig.core->setJournal(&journal);
        QVERIFY(rig.run(command(CommandKind::Kill)).ok);
        const std::uint64_t id = incidents(rig).front().id;
        const CommandResult resumed = rig.run(resumeWith("understood", SignOffGate::Overridden));
        QVERIFY2(resumed.ok, resumed.message.c_str());
        QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
        QVERIFY(audited(journal, "incident override", "#" + std::to_string(id) + " (kill) not signed off"));
        QVERIFY(incidents(rig).front().holdsResume()); // the override resumes; it signs nothing off
    }

    void aLevelTwoIncidentHoldsNothingAndTheOperatorOpensOne()
    {
        Rig rig;
        QVERIFY(rig.run(command(CommandKind::Pause)).ok);
        cmd::OpenIncident open;
        open.actor = "tester";
        open.reason = "slow fills on NVDA";
        open.severity = AlertSeverity::Warning;
        const CommandResult opened = rig.run(open);
        QVERIFY2(opened.ok, opened.message.c_str());
        QCOMPARE(int(incidents(rig).front().cause), int(IncidentCause::Operator));
        QVERIFY(rig.run(resumeWith("")).ok); // level 2: no sign-off needed
        const CommandResult unknown = rig.run(update(999'999, IncidentField::Note, "x"));
        QVERIFY(!unknown.ok);
        QVERIFY2(unknown.message.find("no incident #999999") != std::string::npos, unknown.message.c_str());
    }

    void conditionsThatLastOpenOneIncidentEachAndLaterEventsAttach()
    {
        Config c = testing::roomyConfig();
        c.incidents.feedSilentSeconds = 5;
        c.incidents.brokerUnreachableSeconds = 3;
        c.incidents.refusalBurst = 3;
        c.incidents.refusalBurstSeconds = 10;
        c.risk.killFeedSilenceSeconds = 3600; // the kill trigger stays out of it
        c.risk.maxOrderQty = 10;
        Rig rig(c);
        rig.quote(0, 10000, 10002);
        rig.clock(4);
        QVERIFY(incidents(rig).empty()); // 4 s silent: not yet
        rig.clock(2);
        QCOMPARE(incidents(rig).size(), std::size_t(1));
        QCOMPARE(int(incidents(rig).front().cause), int(IncidentCause::FeedSilent));
        QCOMPARE(int(incidents(rig).front().severity), int(AlertSeverity::Warning));
        rig.clock(20); // still the same silence: said once
        QCOMPARE(incidents(rig).size(), std::size_t(1));
        rig.quote(0, 10000, 10002); // back, then silent again: attached to the open incident
        rig.clock(6);
        QCOMPARE(incidents(rig).size(), std::size_t(1));
        QCOMPARE(incidents(rig).front().events.size(), std::size_t(1));
        QVERIFY2(incidents(rig).front().events.front().text.find("market data silent for") != std::string::npos,
                 incidents(rig).front().events.front().text.c_str());

        // Three orders over the size limit within 10 s: a rogue strategy's burst, level 3.
        for (int i = 0; i < 2; ++i)
            QCOMPARE(rig.buy(0, 50, 10001), OrderId(0));
        QCOMPARE(incidents(rig).size(), std::size_t(1));
        QCOMPARE(rig.buy(0, 50, 10001), OrderId(0));
        QCOMPARE(incidents(rig).size(), std::size_t(2));
        QCOMPARE(int(incidents(rig).back().cause), int(IncidentCause::RefusalBurst));
        QVERIFY(incidents(rig).back().holdsResume());
        QCOMPARE(rig.buy(0, 50, 10001), OrderId(0)); // the same burst: nothing new
        QCOMPARE(incidents(rig).size(), std::size_t(2));

        // The broker away for 3 s.
        VenueMessage down;
        down.kind = VenueMessage::Kind::BrokerStatus;
        down.status = ComponentStatus::Down;
        rig.deliver(down);
        rig.quote(0, 10000, 10002);
        rig.clock(2);
        QCOMPARE(incidents(rig).size(), std::size_t(2));
        rig.clock(2);
        QCOMPARE(incidents(rig).size(), std::size_t(3));
        QCOMPARE(int(incidents(rig).back().cause), int(IncidentCause::BrokerUnreachable));
        QCOMPARE(int(incidents(rig).back().severity), int(AlertSeverity::Critical));
    }

    void aLongAnalysisGoesThroughTheWriterWholeAndARestartReadsItBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        Rig rig;
        BreakableJournal records;
        rig.core->setJournal(&records);
        QVERIFY(rig.run(command(CommandKind::Kill, "drill")).ok);
        const std::uint64_t id = incidents(rig).front().id;
        std::string longText;
        while (longText.size() < 2000)
            longText += "Kurs fällt ≥ 5 % binnen 1 s; "; // multi-byte characters across record boundaries
        QVERIFY(rig.run(update(id, IncidentField::RootCause, longText)).ok);
        QVERIFY(rig.run(update(id, IncidentField::Note, "called the desk")).ok);
        QVERIFY(rig.run(signOff(id, "done")).ok);
        std::size_t pieces = 0;
        for (const JournalRecord &r : records.records)
            pieces += r.kind == JournalRecord::Kind::IncidentChange && r.actionView() == "root_cause" ? 1 : 0;
        QVERIFY2(pieces > 10, "a 2,000-byte text spans several records");

        JournalNames names;
        names.symbols = rig.core->symbolNames();
        names.strategies = rig.core->strategyNamesById();
        names.sessionDate = "2026-11-20";
        {
            JournalWriter writer(path, names);
            QCOMPARE(writer.start(), QString());
            for (const JournalRecord &r : records.records)
                writer.append(r);
            writer.stop();
            QCOMPARE(writer.durableSeq(), records.records.back().seq);
        }
        IncidentRecord read;
        QCOMPARE(readIncident(path, id, read), QString());
        QVERIFY(read.field(IncidentField::RootCause).text == longText);
        QCOMPARE(QString::fromStdString(read.signedOffBy), QStringLiteral("ann"));

        RecoveryInput input;
        input.symbols = names.symbols;
        input.strategies = names.strategies;
        input.sessionDate = names.sessionDate;
        input.dayStart = rig.session.at(0, 0);
        input.dayEnd = input.dayStart + 24 * 60 * kNsPerMinute;
        input.clockText = [session = rig.session](SimTime t) { return session.clockText(t); };
        Recovery recovery;
        QCOMPARE(loadRecovery(path, input, recovery), QString());
        QCOMPARE(recovery.incidents.size(), std::size_t(1));
        const IncidentRow &back = recovery.incidents.front();
        const IncidentRow &was = incidents(rig).front();
        QCOMPARE(back.id, was.id);
        QVERIFY(back.analysis == was.analysis);
        QCOMPARE(back.notes.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(back.notes.front().text), QStringLiteral("called the desk"));
        QVERIFY(back.signedOffBy == was.signedOffBy);
        QCOMPARE(QString::fromStdString(back.openedClock), QString::fromStdString(was.openedClock));
    }
};

QTEST_GUILESS_MAIN(TestIncidents)
#include "tst_incidents.moc"
