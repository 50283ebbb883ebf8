#include "api/ChecklistRunner.h"

#include "api/ChecklistFacts.h"
#include "api/Engine.h"
#include "api/Snapshot.h"

#include <QDate>
#include <QJsonArray>

#include <future>
#include <memory>

namespace vigil {

ChecklistRunner::ChecklistRunner(Engine &engine, Config config, QString dataDir)
    : m_engine(engine)
    , m_config(std::move(config))
    , m_dataDir(std::move(dataDir))
{
    m_pool.setMaxThreadCount(1); // one run at a time, in the order asked
}

ChecklistRunner::~ChecklistRunner() { m_pool.waitForDone(); }

ChecklistResult ChecklistRunner::judge(ChecklistKind kind, const std::string &startedBy, const std::string &actor) const
{
    FactsSource source;
    source.snapshot = m_engine.snapshot();
    source.config = &m_config;
    source.dataDir = m_dataDir;
    source.broker = m_engine.brokerRecords();
    const QDate day = QDate::fromString(QString::fromStdString(source.snapshot->sessionDate), Qt::ISODate);
    source.today = Date{day.year(), day.month(), day.day()};
    ChecklistResult result = runChecklist(kind, gatherChecklistFacts(source), m_config.checklists);
    result.at = source.snapshot->simTime;
    result.wallNs = utcNowNs();
    result.startedBy = startedBy;
    result.actor = actor;
    return result;
}

void ChecklistRunner::run(ChecklistKind kind, std::string startedBy, std::string actor, Done done)
{
    m_pool.start([this, kind, startedBy = std::move(startedBy), actor = std::move(actor), done = std::move(done)] {
        auto result = std::make_shared<const ChecklistResult>(judge(kind, startedBy, actor));
        cmd::RecordChecklist record;
        record.actor = actor;
        record.reason = startedBy;
        record.result = result;
        m_engine.command(std::move(record), [result, done](const CommandResult &r) {
            if (done)
                done(*result, r);
        });
    });
}

ChecklistResult ChecklistRunner::runAndWait(ChecklistKind kind, const std::string &startedBy, const std::string &actor,
                                            CommandResult *recorded)
{
    std::promise<std::pair<ChecklistResult, CommandResult>> finished;
    run(kind, startedBy, actor, [&finished](const ChecklistResult &result, const CommandResult &r) {
        finished.set_value({result, r});
    });
    auto [result, r] = finished.get_future().get();
    if (recorded)
        *recorded = r;
    return result;
}

namespace {
QString latin(std::string_view text) { return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())); }
} // namespace

QJsonObject checklistToJson(const ChecklistResult &result)
{
    QJsonArray items;
    for (const CheckItem &i : result.items)
        items.append(QJsonObject{{QStringLiteral("id"), QString::fromStdString(i.id)},
                                 {QStringLiteral("title"), QString::fromStdString(i.title)},
                                 {QStringLiteral("status"), latin(toString(i.status))},
                                 {QStringLiteral("measured"), QString::fromStdString(i.measured)},
                                 {QStringLiteral("threshold"), QString::fromStdString(i.threshold)},
                                 {QStringLiteral("detail"), QString::fromStdString(i.detail)}});
    return QJsonObject{{QStringLiteral("checklist"), latin(toString(result.kind))},
                       {QStringLiteral("session_date"), QString::fromStdString(result.sessionDate)},
                       {QStringLiteral("started_by"), QString::fromStdString(result.startedBy)},
                       {QStringLiteral("status"), QString::fromLatin1(toString(result.worst()).data())},
                       {QStringLiteral("passed"), result.count(CheckStatus::Pass)},
                       {QStringLiteral("warned"), result.count(CheckStatus::Warn)},
                       {QStringLiteral("failed"), result.count(CheckStatus::Fail)},
                       {QStringLiteral("summary"), QString::fromStdString(result.summary())},
                       {QStringLiteral("items"), items}};
}

} // namespace vigil
