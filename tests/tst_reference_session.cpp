// The reference session: one seeded simulated day (seed 7, 2026-11-20, the default
// configuration: both built-in strategies on the simulator) through the real engine, its
// every order, every fill and the end-of-day books written as text and compared with the
// checked-in tests/reference/session-seed7-2026-11-20.txt. The other tests check that a run
// repeats itself; this one notices a change that moves every run the same way. On a
// mismatch the actual text goes beside the reference (".actual", ignored by git) so that
//   git diff --no-index tests/reference/session-seed7-2026-11-20.txt{,.actual}
// shows what changed; when the change is meant, the .actual becomes the reference.
//
// Only simulated facts go in: no wall-clock times, latencies, paths, journal sequence
// numbers or engine event counts (the last depend on how the feed's messages were batched).
// Orders and fills come from the journal (its order and fill tables are the books of
// record), the day's figures from the engine's result and last snapshot.
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Fixed.h"

#include "SqlFiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <string>

using namespace vigil;
using namespace vigil::testing;

namespace {

const Date kDate{2026, 11, 20};
constexpr std::uint64_t kSeed = 7;

QString referencePath()
{
    return QStringLiteral(VIGIL_REFERENCE_DIR "/session-seed%1-%2.txt")
        .arg(kSeed)
        .arg(QString::fromStdString(kDate.toIso()));
}

QString price(const QString &raw)
{
    return raw.isEmpty() ? QStringLiteral("-") : QString::fromStdString(Price::fromRaw(raw.toLongLong()).toString());
}

QString money(Money m) { return QString::fromStdString(m.toString()); }
QString money(const QString &raw) { return QString::fromStdString(Money::fromRaw(raw.toLongLong()).toString()); }

/// Each journal row (columns joined by '|'), its columns passed through `format` by position.
QStringList table(const QString &journal, const QString &sql, const std::vector<QString (*)(const QString &)> &format)
{
    QStringList out;
    for (const QString &row : rows(journal, sql)) {
        QStringList columns = row.split(QLatin1Char('|'));
        for (std::size_t i = 0; i < format.size() && i < static_cast<std::size_t>(columns.size()); ++i)
            if (format[i])
                columns[static_cast<qsizetype>(i)] = format[i](columns[static_cast<qsizetype>(i)]);
        out << columns.join(QLatin1Char(' '));
    }
    return out;
}

QString session(const QString &journal)
{
    RunOptions options;
    options.seed = kSeed;
    options.sessionDate = kDate;
    options.speed = 0;
    RunResult result;
    std::shared_ptr<const Snapshot> last;
    {
        Engine engine(defaultConfig(), options);
        const std::string error = engine.openJournal(journal.toStdString());
        if (!error.empty())
            qFatal("cannot open the journal: %s", error.c_str());
        engine.start();
        engine.waitFinished();
        result = engine.result();
        last = engine.snapshot();
    } // the engine's threads are joined and the journal written through before it is read

    QStringList out;
    out << QStringLiteral("# Vigil reference session: seed %1, %2, default configuration, simulator")
               .arg(kSeed)
               .arg(QString::fromStdString(kDate.toIso()));
    out << QStringLiteral("completed %1").arg(result.completed ? QStringLiteral("yes") : QStringLiteral("no"));

    const QStringList orders = table(
        journal,
        QStringLiteral("SELECT client_order_id, strategy, symbol, side, type, qty, limit_price, status, filled_qty, "
                       "IFNULL(reject_reason, '-') FROM orders ORDER BY order_number, client_order_id"),
        {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, price});
    out << QStringLiteral("# orders: %1 (client order id, strategy, symbol, side, type, qty, limit, final status, "
                          "filled, reject reason)")
               .arg(orders.size());
    for (const QString &o : orders)
        out << QStringLiteral("order ") + o;

    const QStringList fills =
        table(journal,
              QStringLiteral("SELECT client_order_id, strategy, symbol, side, qty, price, fee FROM fills ORDER BY seq"),
              {nullptr, nullptr, nullptr, nullptr, nullptr, price, money});
    out << QStringLiteral("# fills: %1 (client order id, strategy, symbol, side, qty, price, fee)").arg(fills.size());
    for (const QString &f : fills)
        out << QStringLiteral("fill ") + f;

    out << QStringLiteral("# end of day");
    out << QStringLiteral("realized %1").arg(money(result.realizedPnl));
    out << QStringLiteral("unrealized %1").arg(money(result.unrealizedPnl));
    out << QStringLiteral("fees %1").arg(money(result.fees));
    out << QStringLiteral("equity %1").arg(money(result.equity));
    out << QStringLiteral("# strategies (key, realized, unrealized, open qty, gross exposure)");
    for (const StrategyRow &s : last->strategies)
        out << QStringLiteral("strategy %1 %2 %3 %4 %5")
                   .arg(QString::fromStdString(s.key), money(s.realizedPnl), money(s.unrealizedPnl))
                   .arg(s.openQty)
                   .arg(money(s.grossExposure));
    out << QStringLiteral("# positions (symbol, qty, average, mark, unrealized, realized)");
    for (const PositionRow &p : result.positions)
        out << QStringLiteral("position %1 %2 %3 %4 %5 %6")
                   .arg(QString::fromStdString(p.symbol))
                   .arg(p.qty)
                   .arg(QString::fromStdString(p.avgPrice.toString()), QString::fromStdString(p.markPrice.toString()),
                        money(p.unrealizedPnl), money(p.realizedPnl));
    out << QStringLiteral("# the close's books per strategy and symbol (strategy, symbol, qty, cost, realized, fees, "
                          "mark)");
    const QStringList books =
        table(journal,
              QStringLiteral("SELECT strategy, symbol, qty, cost, realized, fees, mark FROM position_snapshots "
                             "WHERE checkpoint = (SELECT MAX(seq) FROM checkpoints WHERE kind = 'close') "
                             "ORDER BY strategy, symbol"),
              {nullptr, nullptr, nullptr, money, money, money, price});
    for (const QString &b : books)
        out << QStringLiteral("book ") + b;
    out << QStringLiteral("# the paper broker's books");
    out << QStringLiteral("broker cash %1").arg(money(result.brokerCash));
    for (const PositionRow &p : result.brokerPositions)
        out << QStringLiteral("broker position %1 %2 %3")
                   .arg(QString::fromStdString(p.symbol))
                   .arg(p.qty)
                   .arg(QString::fromStdString(p.avgPrice.toString()));
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestReferenceSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theSeededSessionMatchesItsReference()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString actual = session(dir.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(actual.count(QStringLiteral("\nfill ")) > 50); // a real day, not an empty one

        const QString reference = referencePath();
        const QString actualPath = reference + QStringLiteral(".actual");
        const QString expected = read(reference);
        if (actual == expected) {
            QFile::remove(actualPath); // a stale one from an earlier failure
            return;
        }
        QFile out(actualPath);
        QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(actualPath));
        out.write(actual.toUtf8());
        out.close();

        const QStringList want = expected.split(QLatin1Char('\n'));
        const QStringList got = actual.split(QLatin1Char('\n'));
        qsizetype line = 0;
        while (line < want.size() && line < got.size() && want[line] == got[line])
            ++line;
        const QString message =
            QStringLiteral("the session differs from its reference %1 at line %2:\n  reference: %3\n  actual:    %4\n"
                           "the whole actual output is in %5 (git diff --no-index %1 %5; if the change is meant, "
                           "move it over the reference)")
                .arg(reference)
                .arg(line + 1)
                .arg(expected.isEmpty()   ? QStringLiteral("(no reference file)")
                     : line < want.size() ? want[line]
                                          : QStringLiteral("(end of file)"),
                     line < got.size() ? got[line] : QStringLiteral("(end of file)"), actualPath);
        QFAIL(qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestReferenceSession)
#include "tst_reference_session.moc"
